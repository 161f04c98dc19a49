/**
 * The selected put or get, told in order: the key's MD5 and ring position, the preference
 * list, the coordinator (and the forward), each replica's request and reply counted toward
 * W or R, any stand-in of a sloppy quorum, and the answer to the client with its latency.
 */
import { useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useOverflow } from '../../app/use-overflow';
import { traceIndex, useStore } from '../../store/store';
import { useTraceMemo } from '../../store/use-trace';
import { useController } from '../../app/controller-context';
import { formatPosition, ringKeyName, wholeKey } from '../ring/ring-layout';
import { missedWrites, requestStory, sloppyQuorumText, type BlindWrite, type MissedWrite, type RequestStory } from './request-story';
import { formatClock, keyName, versionName, type Version } from '../../engine/index';
import { shownValue } from '../versions/latest-read';
import { KeyText, NamedText } from '../../app/NamedText';
import { withIsolates } from '../../app/named-text';
import { useQuestionVeilFrom } from '../lectures/use-veils';

/**
 * `isTitledByTab`: the key column's tab above already says "Request trace", so the title is
 * left to screen readers and the request menu floats beside the summary's first line, giving
 * the summary and the steps the title's row (at 720p a sloppy quorum's line was cut without it).
 */
export function RequestTracePanel({ isTitledByTab = false }: { readonly isTitledByTab?: boolean }) {
  const controller = useController();
  const upTo = useStore((s) => s.traceLengthAtCursor);
  const version = useStore((s) => s.traceVersion);
  const picked = useStore((s) => s.pickedOpId);
  const ringSize = useStore((s) => s.ringSize);
  const isTeaching = useStore((s) => s.isTeachingRing);
  // Read again when the trace changes too: a new trace with as many events at the cursor (a link opened, a lecture part recorded again) has other requests.
  const ops = useTraceMemo((index, at) => index.opsBefore(at).slice(-12).reverse(), []);
  const opId = picked ?? ops[0]?.opId ?? null;
  // While a lecture's question waits, what the request did in this step is veiled: it often states the answer.
  const veilFrom = useQuestionVeilFrom();
  const storyUpTo = veilFrom === null ? upTo : Math.min(upTo, veilFrom);
  const story = useTraceMemo((index) => (opId === null ? null : requestStory(index.events, index.eventsOfOp(opId), storyUpTo)), [opId, storyUpTo]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the trace index changes with `version`
  const missed = useMemo(() => (story?.end && story.op === 'get' ? missedWrites(traceIndex, story.opId) : NO_MISSES), [story?.end, story?.op, story?.opId, version]);
  const isPartVeiled = veilFrom !== null && opId !== null && traceIndex.eventsOfOp(opId).some((i) => i >= veilFrom && i < upTo);
  const veil = isPartVeiled ? <p className="veiled">{story ? 'What this request did in this step' : 'This request'}: hidden while the lecture's question waits.</p> : null;

  const picker = <RequestPicker ops={ops} picked={picked} />;
  return (
    <section className={`panel trace-panel${isTitledByTab ? ' titled-by-tab' : ''}`} aria-labelledby="trace-title">
      {isTitledByTab ? (
        <h2 id="trace-title" className="visually-hidden">
          Request trace
        </h2>
      ) : (
        <div className="panel-head">
          <h2 id="trace-title" className="panel-title">
            Request trace
          </h2>
          {picker}
        </div>
      )}
      {!story ? (
        <div className="story-summary">
          {isTitledByTab ? picker : null}
          {veil ?? <p className="empty">Put or get a key, then step forward to follow it.</p>}
        </div>
      ) : (
        <>
          <StorySummary story={story} missed={missed} picker={isTitledByTab ? picker : null} />
          {/* The newest step is the one the lecturer talks about: a column-reverse scroller stays
              pinned to its end without measuring anything (a forced layout per frame). */}
          <StoryScroll>
            {/* One tab stop (the newest step), ↑ ↓ between steps: one put's 16 steps were 16 Tabs. */}
            <ol className="story" aria-label="Request steps" onKeyDown={stepKeys}>
            {/* Where the key lies and whom the walk found: the first line of the story, so a short
                panel scrolls it away above the steps instead of cutting the verdicts. */}
            {story.route ? (
              <li className="story-route">
                MD5 <code title={story.route.md5}>{story.route.md5.slice(0, 8)}…</code> → position {formatPosition(story.route.position, ringSize, isTeaching)} · list{' '}
                <span title={story.route.fallbacks.length > 0 ? `fallbacks: ${story.route.fallbacks.join(', ')}` : undefined}>{story.route.preferenceList.join(', ')}</span>
              </li>
            ) : null}
            {story.lines.map((line, i) => (
              <li key={line.seq} className={`tone-${line.tone}`}>
                <button type="button" className="linklike" tabIndex={i === story.lines.length - 1 ? 0 : -1} onClick={() => void controller.seekToEvent(line.seq)} title="Jump here (↑ ↓: the other steps)">
                  <span className="at">+{line.sinceStartMs.toFixed(1)} ms</span> <NamedText text={line.text} />
                </button>
              </li>
            ))}
            </ol>
          </StoryScroll>
          {veil}
        </>
      )}
    </section>
  );
}

/** Which request the panel follows: the latest, or one of the last twelve. */
function RequestPicker({ ops, picked }: { ops: ReturnType<typeof traceIndex.opsBefore>; picked: number | null }) {
  const opPicked = useStore((s) => s.opPicked);
  return (
    <label className="inline-label request-picker">
      <span className="visually-hidden">Request</span>
      <select value={picked ?? ''} onChange={(e) => opPicked(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">latest</option>
        {ops.map((op) => (
          <option key={op.opId} value={op.opId}>
            {withIsolates(`#${op.opId} ${op.op}(${keyName(op.key)}) via ${op.via}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

const NO_MISSES: readonly MissedWrite[] = [];

/** ↑ and ↓ move the focus between the request's steps (the list is one tab stop). */
function stepKeys(e: KeyboardEvent<HTMLOListElement>): void {
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/** "via C → coordinator C" says C twice: a client that contacted the coordinator itself reads "via coordinator C". */
function viaText(via: string, coordinator: string | null, isForwarded: boolean): string {
  if (coordinator === null) return `via ${via}`;
  if (coordinator === via && !isForwarded) return `via coordinator ${via}`;
  return `via ${via} → coordinator ${coordinator}${isForwarded ? ' (forwarded)' : ''}`;
}

function StorySummary({ story, missed, picker }: { story: RequestStory; missed: readonly MissedWrite[]; picker: ReactNode }) {
  const { route, end, count } = story;
  const quorum = story.op === 'put' ? 'W' : 'R';
  // Rounded as the step's own line rounds it (24.65 read 24.6 here and 24.7 below).
  const latency = end ? (Math.round(end.latencyMs * 10) / 10).toFixed(1) : '';
  const status = end ? (end.ok ? `answered in ${latency} ms` : `failed after ${latency} ms`) : 'in progress';
  const sloppy = sloppyQuorumText(story.standIns, story.coordinator ?? route?.coordinator ?? 'the coordinator');
  return (
    <div className="story-summary" role="group" aria-label="Request summary">
      {picker}
      <p>
        <strong>
          #{story.opId} {story.op}(<KeyText k={story.key} shown={ringKeyName(story.key)} title={wholeKey(story.key)} />)
        </strong>{' '}
        {viaText(story.via, route ? (story.coordinator ?? route.coordinator) : null, route?.isForwarded ?? false)}
        {count ? ` · ${quorum} ${count.count} of ${count.needed}` : ''} · <strong className={end ? (end.ok ? 'ok' : 'bad') : ''}>{status}</strong>
        {end?.ok && end.versions ? <ReadResult versions={end.versions} /> : null}
      </p>
      {/* Why a stand-in, when the preference list shows the node up: the coordinator's own belief (after a heal, C may still think A down), or a replica's silence. */}
      {sloppy !== null ? <p className="stand-ins">{sloppy}</p> : null}
      {/* Beside a sloppy quorum or a stale read, the panel has no room for a third verdict: those come first (its store line still says "2 siblings"). */}
      {story.blindWrite && sloppy === null && missed.length === 0 ? <BlindWriteText write={story.blindWrite} /> : null}
      {/* The client was told it failed, yet the replicas that stored the version keep it, and a later get returns it (lecture 004: "A failed write is not undone"). */}
      {end && !end.ok && story.op === 'put' && end.version && sloppy === null ? (
        <p className="failed-write">
          Failed for the client, yet {versionName(end.version.id)} stays where it was stored: a failed write is not undone, and a later get can return it.
        </p>
      ) : null}
      {missed.length > 0 ? (
        <p className="stale-read">
          <strong>Stale read</strong>: it missed {missed.map((m) => `${versionName(m.versionId)} (#${m.putOpId} put)`).join(', ')}, acknowledged before this get began.
        </p>
      ) : null}
    </div>
  );
}

/** What a get returned: each version by name and value ("D1 = shoes"; siblings side by side, "‖"). */
function ReadResult({ versions }: { versions: readonly Version[] }) {
  if (versions.length === 0) return <span className="read-result">: no version</span>;
  const parts = versions.map((v) => `${versionName(v.id)} = ${shownValue(v.value)}`);
  const whole = parts.join(' ‖ ');
  const shown = parts.map((p) => (p.length > READ_CHARS ? `${p.slice(0, READ_CHARS - 1)}…` : p)).join(' ‖ ');
  return (
    <span className="read-result" title={withIsolates(whole)}>
      : <NamedText text={shown} />
    </span>
  );
}

/** A returned value's share of the summary line; the whole value is on hover and in the Versions tab. */
const READ_CHARS = 28;

/** Why a put with no context replaced a version, or stood beside one (see `BlindWrite`). */
function BlindWriteText({ write }: { write: BlindWrite }) {
  const { coordinator, version, superseded, siblings } = write;
  const name = `${versionName(version.id)} ${formatClock(version.clock)}`;
  const others = siblings.filter((id) => id !== version.id).map(versionName);
  const replaced = superseded.map(versionName);
  // One short line: in a short panel the summary scrolls, and a second line was cut (the whole reason is on hover).
  if (replaced.length > 0) {
    return (
      <p className="blind-write" title={`The put carried no context, yet its clock descends from ${replaced.join(', ')}: ${coordinator} wrote ${replaced.length === 1 ? 'it' : 'them'} too, and a coordinator's counter only goes up.${others.length > 0 ? ` It does not descend from ${others.join(', ')}: siblings.` : ''}`}>
        <strong>Empty context</strong>: {name} replaces {replaced.join(', ')}, which {coordinator} wrote too{others.length > 0 ? `; a sibling of ${others.join(', ')}` : ''}.
      </p>
    );
  }
  if (others.length === 0) return null;
  return (
    <p className="blind-write" title={`The put carried no context: ${versionName(version.id)}'s clock does not descend from ${others.join(', ')}, so both are kept, side by side.`}>
      <strong>Empty context</strong>: {name} is a sibling of {others.join(', ')}.
    </p>
  );
}

/**
 * The steps, pinned to the newest (column-reverse). Taller than the panel, the line at the top
 * was cut across its middle, as if broken; it now fades out there (app.css), a sign of more above.
 */
function StoryScroll({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const { isOver } = useOverflow(box);
  return (
    <div className={isOver ? 'story-scroll is-over' : 'story-scroll'} ref={box}>
      {children}
    </div>
  );
}
