// When the alert-delivery job tries again, and when it stops. Every transition is retried for as
// long as its alert fires; once the alert has resolved, for a day, after which whoever reads the
// webhook has surely found out another way, and the row says it was given up.

/** Seconds before the next attempt after `attempts` failures: 5 s, 10 s, 20 s, … capped at 5 min. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

export const GIVE_UP_RESOLVED_AFTER_SECONDS = 24 * 3600;

/** Alertmanager's endsAt for a firing alert: four resend intervals ahead, as Prometheus does. */
export const firingEndsAt = (now: Date, resendIntervalSeconds: number) => new Date(now.getTime() + 4 * resendIntervalSeconds * 1000);

export const addSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
