// Why a status is not ok, in words, always naming its hop (stage kind and name), so a screen
// that shows a status also says where to look. The hop links to its stage page where the screen
// has links (not on the wall); `since` is the first bad observation, in the viewer's time zone.
import Link from 'next/link';
import type { Cause } from '@/lib/slo/cause';
import { formatClock } from '@/lib/views/shared/format';

interface Props {
  cause: Cause;
  /** The hop's stage page (lib/views/shared/hop-link.ts); no link when null or absent. */
  href?: string | null;
  /** Say "since 14:02:10" after the words. */
  showSince?: boolean;
  className?: string;
}

export function CauseText({ cause, href, showSince = false, className }: Props) {
  const hop = `${cause.hop.kind} ${cause.hop.name}`;
  const since = formatClock(cause.since);
  // Words usually begin with the hop's name ("search-indexer stalled on …"): say it once, as the link.
  const named = cause.words.startsWith(cause.hop.name);
  const name = href ? <Link href={href}>{cause.hop.name}</Link> : cause.hop.name;
  return (
    <span
      className={className ? `cause ${className}` : 'cause'}
      data-testid="cause"
      data-hop-kind={cause.hop.kind}
      data-hop-name={cause.hop.name}
      data-signal={cause.signal}
      title={`${hop}: ${cause.words} (since ${since})`}
      suppressHydrationWarning
    >
      <span className="cause-kind muted">{cause.hop.kind}</span>{' '}
      {named ? (
        <span className="cause-words">
          <span className="cause-hop">{name}</span>
          {cause.words.slice(cause.hop.name.length)}
        </span>
      ) : (
        <>
          <span className="cause-hop">{name}</span> <span className="cause-words">{cause.words}</span>
        </>
      )}
      {showSince && (
        <span className="cause-since muted" suppressHydrationWarning>
          {' '}
          · since {since}
        </span>
      )}
    </span>
  );
}
