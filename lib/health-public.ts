// What /api/health tells a caller who has not logged in, when the config has an `auth` section:
// ok or not, per check, and nothing else. The detail (store errors naming hosts and users,
// pending migration names, process counts) is for logged-in users and for the local user of an
// instance without auth, which only listens on loopback.
import type { HealthReport } from './health-schema';

export function publicHealth(report: HealthReport): HealthReport {
  return {
    status: report.status,
    checkedAt: report.checkedAt,
    store: { status: report.store.status },
    migrations: { status: report.migrations.status },
    collectors: { status: report.collectors.status },
  };
}
