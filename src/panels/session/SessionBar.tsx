/**
 * The header: which cluster (teaching ring or MD5 ring, and the MD5 ring's nodes × tokens per
 * node), N, R, W and the seed. Any change starts a new session; settings the validator refuses
 * are not applied, and the reason is said below the header while the menus show the settings
 * still in use (a typed field keeps the text refused, marked, as the seed's). In lecture
 * mode the header shows the lecture part's own cluster, N, R, W and seed, locked: the
 * lecture's steps were written for them.
 */
import { focusHandedOff } from '../../app/focus-handoff';
import { useEffect, useRef, useState } from 'react';
import { useStore, type Notice, type PresetId, type SessionSettings } from '../../store/store';
import { useController } from '../../app/controller-context';
import { isMd5, lectureCluster, parseSeed, presetChoices, presetOf, quorumExplanation, resized, ringSizeOf, sizeText, withN, type LectureCluster, type RingSize } from './session-config';
import { RingSizeFields, parseCount } from './RingSizeFields';
import { useLectureStore } from '../lectures/lecture-store';
import { focusAt } from '../lectures/lecture-nav';
import { useVerdictWithheld } from '../lectures/use-veils';
import { ShareTools } from '../share/ShareTools';
import { linkForgotten } from '../share/address-bar';
import { useSettledSelect } from '../../app/use-settled-select';

export function SessionBar() {
  const settings = useStore((s) => s.settings);
  const notice = useStore((s) => s.notice);
  const isLoading = useStore((s) => s.isLoading);
  const lecture = useLectureStore((s) => s.lecture);
  const lecturePart = useLectureStore((s) => s.place.part);
  const shortcutsToggled = useStore((s) => s.shortcutsToggled);
  const refusal = !lecture && (notice?.field === 'settings' || notice?.field === 'seed') ? notice : null;
  const { draft, texts, setTexts, refused, apply, applyRing, chooseN } = useHeaderChanges(settings, refusal);
  const seedText = texts.seed;
  useDocumentTitle(lecture?.title ?? settings.title);
  const lectureStep = useLectureStore((s) => s.place.step);
  const locked = lecture ? stepCluster(lectureCluster(lecture, lecturePart), focusAt(lecture, lecturePart, lectureStep).n) : null;
  const withheld = useVerdictWithheld();
  const isVerdictHidden = useLectureStore((s) => s.lecture?.quorumVerdict === 'hidden');
  const shown = locked ?? draft;
  const maxN = locked ? Math.max(locked.nodeCount, locked.n) : presetOf(draft.preset, draft.config).nodeCount;
  const options = Array.from({ length: Math.min(maxN, 7) }, (_, i) => i + 1);
  // Lecture 004's notes call N the replication factor: its lectures' header says RF, as their narration and preference list do.
  const replicaName = lecture?.replicaName ?? 'N';
  // The quorum is the cluster's: a step walking for fewer replicas does not change what R + W overlaps.
  const quorum = quorumExplanation(locked?.clusterN ?? shown.n, shown.r, shown.w, locked ? locked.isSloppy : draft.config?.hintedHandoff !== false, replicaName);
  const settingsError = !locked && (notice?.field === 'settings' || notice?.field === 'seed') ? notice.message : null;
  const isSeedRefused = !locked && notice?.field === 'seed';
  const lockedTitle = locked ? 'Set by the lecture: leave the lecture to change the cluster' : undefined;
  const nTitle = locked?.stepN !== undefined ? `This step walks the ring for ${replicaName}=${locked.stepN} replicas; the lecture's cluster keeps ${locked.clusterN}. ${lockedTitle!}` : lockedTitle;
  const choose = (field: 'n' | 'r' | 'w') => <QuorumSelect label={field === 'n' ? replicaName : field.toUpperCase()} value={shown[field]} options={options} lockedTitle={field === 'n' ? nTitle : lockedTitle} onChange={(v) => (field === 'n' ? chooseN(v) : apply({ ...draft, [field]: v }))} />;
  const isRingRefused = !locked && refusal !== null && refused === 'ring';
  const ringSize = locked ? null : ringSizeOf(draft);
  return (
    <header className="session-bar">
      <h1>
        {/* It may fold after "Dynamo" (app.css): short of room, the title gives way, not the controls. */}
        Dynamo<wbr />
        Scope
      </h1>
      <ClusterSelect draft={draft} locked={locked} lockedTitle={lockedTitle} isLoading={isLoading} onChange={(preset) => apply(withPreset(draft, preset), 'cluster')} />
      {ringSize ? <RingSizeFields texts={texts} inUse={ringSize} isRefused={isRingRefused} onText={(field, text) => setTexts({ ...texts, [field]: text })} onApply={applyRing} /> : null}
      {choose('n')}
      {choose('r')}
      {choose('w')}
      <SeedField text={seedText} isInvalid={isSeedRefused} locked={locked} lockedTitle={lockedTitle} onText={(seed) => setTexts({ ...texts, seed })} onApply={() => !locked && apply({ ...draft, seed: parseSeed(seedText) })} onBlur={() => !locked && seedText !== String(draft.seed) && apply({ ...draft, seed: parseSeed(seedText) })} />
      {/* aria-disabled while loading, not disabled: a disabled button drops the keyboard's focus, and Reset loads at once. */}
      <button type="button" onClick={() => !isLoading && apply({ ...draft, seed: parseSeed(seedText) })} aria-disabled={isLoading} disabled={locked !== null} title={lockedTitle}>
        Reset
      </button>
      <LecturesButton />
      {/* Lecture 004 asks "with R=2, does the read see v2?": the verdict waits for the answer (useVerdictWithheld). */}
      {/* A lecture that teaches no quorums (consistent hashing, N=R=W=1) says nothing of R + W: "quorums overlap" on its first step was jargon. */}
      {isVerdictHidden ? null : withheld !== null ? (
        <p className="quorum veiled-note" role="note" title={withheld === 'question' ? "Every panel that might give an answer away waits while the lecture's question does: Next shows the answer" : 'The lecture asks about it: shown once the part’s last question is answered'}>
          R + W vs {replicaName}: hidden {withheld === 'question' ? 'while the question waits' : withheld === 'asked' ? 'until the answer' : 'for a question to come'}
        </p>
      ) : (
        <QuorumNote isLoading={isLoading} error={settingsError} inUse={inUseText(settings, refused, isSeedRefused)} overlaps={quorum.overlaps} text={quorum.text} title={quorum.title} onDismiss={() => useStore.getState().noticeShown(null)} />
      )}
      <ShareTools />
      <button type="button" className="help" aria-label="Keyboard shortcuts" onClick={() => shortcutsToggled()}>
        ?
      </button>
    </header>
  );
}

/**
 * The locked header of a lecture step that walks the ring for another number of replicas than
 * its cluster keeps (lecture 004's token walk asks "which nodes hold this row with RF=2?" of an
 * RF=3 cluster): N shows the step's, as the preference list's heading does. It said RF 3 while
 * the list below it said RF=2, two answers to one question.
 */
function stepCluster(cluster: LectureCluster, n: number | undefined): LectureCluster & { readonly stepN?: number; readonly clusterN?: number } {
  return n === undefined || n === cluster.n ? cluster : { ...cluster, n, stepN: n, clusterN: cluster.n };
}

/** The browser tab names the lecture playing, or the scenario, saved session or link opened (its title). */
function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title === undefined ? PAGE_TITLE : `${title} — DynamoScope`;
  }, [title]);
}

/** The page's own title, index.html's. */
const PAGE_TITLE = "DynamoScope — Amazon's Dynamo, step by step";

/** The header's changes, each a new session: the ring's size and N by their own rules (`resized`, `withN`). */
function useHeaderChanges(settings: SessionSettings, refusal: Notice | null) {
  const controller = useController();
  const { draft, setDraft, texts, setTexts, refused, setChanging } = useDraft(settings, refusal);
  /** `change`: what the refusal, if any, says is still in use; `note`: said once the new session runs (R and W lowered with N). */
  const apply = (next: SessionSettings, change: Change = 'settings', note: string | null = null) => {
    setDraft(next);
    setChanging(change);
    linkForgotten();
    void controller.loadSettings(next, true).then((isLoaded) => isLoaded && note !== null && noteLowered(note));
  };
  const applyRing = () => {
    const size = { nodeCount: parseCount(texts.nodeCount), tokensPerNode: parseCount(texts.tokensPerNode) };
    const inUse = ringSizeOf(draft);
    if (inUse === null || (size.nodeCount === inUse.nodeCount && size.tokensPerNode === inUse.tokensPerNode)) return;
    const made = resized(draft, size);
    if (made.ok) return apply(made.settings, 'ring');
    // Refused before any list of nodes is built (a typed 10⁹): said where the validator's refusals are.
    setChanging('ring');
    useStore.getState().noticeShown({ message: made.message, field: made.field });
  };
  const chooseN = (n: number) => {
    const { settings: next, note } = withN(draft, n);
    apply(next, 'settings', note);
  };
  return { draft, texts, setTexts, refused, apply, applyRing, chooseN };
}

/** What a header change was of: a refusal names the cluster, or the ring's size, still in use with N, R and W. */
type Change = 'cluster' | 'ring' | 'settings';

/** What the header's typed fields hold: the seed, and the MD5 ring's nodes and tokens per node. */
type Texts = { readonly seed: string } & { readonly [K in keyof RingSize]: string };

function textsOf(settings: SessionSettings): Texts {
  const size = ringSizeOf(settings);
  return { seed: String(settings.seed), nodeCount: size ? String(size.nodeCount) : '', tokensPerNode: size ? String(size.tokensPerNode) : '' };
}

/**
 * The settings the header's menus show and a change starts from: those in use, or the change
 * being applied. Refused, the menus go back at once to the settings in use, and the reason
 * stays beside them: a menu left on the refused R=4, in red, over a cluster running R=2 had a
 * class read R=4, then "R 2 of 2" in the request trace. The typed fields (the seed, the ring's
 * size) keep the refused text, marked, to be put right, until the refusal goes (dismissed, or
 * with the next input).
 */
function useDraft(settings: SessionSettings, refusal: Notice | null) {
  const [draft, setDraft] = useState<SessionSettings>(settings);
  const [texts, setTexts] = useState(() => textsOf(settings));
  const [lastApplied, setLastApplied] = useState(settings);
  const [lastRefusal, setLastRefusal] = useState(refusal);
  // What the change being applied is of, and of the one refused: the reason then names what is still in use.
  const [changing, setChanging] = useState<Change>('settings');
  const [refused, setRefused] = useState<Change>('settings');
  if (settings !== lastApplied || (lastRefusal !== null && refusal === null)) {
    setLastApplied(settings);
    setDraft(settings);
    setTexts(textsOf(settings));
  }
  if (refusal !== lastRefusal) {
    setLastRefusal(refusal);
    if (refusal !== null) {
      setRefused(changing);
      setDraft(settings);
    }
  }
  return { draft, setDraft, texts, setTexts, refused, setChanging };
}

/** A change of cluster keeps the ring's size between the two MD5 rings (with or without keys), and nothing of any other cluster. */
function withPreset(draft: SessionSettings, preset: PresetId): SessionSettings {
  const { config, ...rest } = draft;
  return config && isMd5(draft.preset) && isMd5(preset) ? { ...rest, preset, config } : { ...rest, preset };
}

/** What the cluster still runs on after a refusal: the cluster too, or the ring's size, when the refused change was of it. */
function inUseText(settings: SessionSettings, refused: Change, isSeedRefused: boolean): string {
  if (isSeedRefused) return `seed ${settings.seed}`;
  const quorum = `N=${settings.n}, R=${settings.r}, W=${settings.w}`;
  const size = ringSizeOf(settings);
  if (refused === 'ring' && size) return `${sizeText(size)}, ${quorum}`;
  return refused === 'cluster' ? `${presetOf(settings.preset, settings.config).label}, ${quorum}` : quorum;
}

/**
 * N lowered R and W with it: said with what the new session's notice says (the lecturer's
 * actions made again, or the cluster afresh), in the one note a header change gets.
 */
function noteLowered(note: string): void {
  const store = useStore.getState();
  const said = store.notice?.field === 'step' ? store.notice.message : null;
  store.noticeShown({ message: said === null ? note : `${note}. ${said}`, field: 'step' });
}

/**
 * What R and W buy together, or that the settings were refused. Why they were refused is a
 * sentence too long for the header: it hangs below it, so the header keeps its height and
 * nothing under it moves.
 */
function QuorumNote({ isLoading, error, inUse, overlaps, text, title, onDismiss }: { isLoading: boolean; error: string | null; inUse: string; overlaps: boolean; text: string; title: string; onDismiss: () => void }) {
  if (error && !isLoading) {
    return (
      <div className="quorum bad">
        <span aria-hidden="true">Settings refused</span>
        <div className="quorum-refusal" role="alert">
          {/* The menus show the settings in use; this says what was refused, and that the cluster runs on those. */}
          Refused: {error.replace(/\.$/, '')}. Still in use: {inUse}.{' '}
          <button type="button" className="small secondary" title="Keep the settings in use" onClick={(e) => {
              // The focus goes to the header's control before the note, not to the page's body.
              focusHandedOff(e.currentTarget.closest('.quorum') ?? e.currentTarget);
              onDismiss();
            }}>
            Dismiss
          </button>
        </div>
      </div>
    );
  }
  return (
    <p className={`quorum ${overlaps ? 'ok' : 'warn'}`} role="note" title={isLoading ? undefined : title}>
      {isLoading ? 'Loading the cluster…' : text}
    </p>
  );
}

/** Which cluster: a built-in one, the opened scenario, or (locked) the lecture's. */
function ClusterSelect({ draft, locked, lockedTitle, isLoading, onChange }: { draft: SessionSettings; locked: LectureCluster | null; lockedTitle: string | undefined; isLoading: boolean; onChange: (preset: PresetId) => void }) {
  // Not disabled while loading (that dropped the keyboard's focus): a choice made meanwhile is not applied, and the menu shows the cluster loading.
  const settled = useSettledSelect(draft.preset, (preset) => !isLoading && onChange(preset as PresetId));
  return (
    <label className="inline-label">
      <span className="visually-hidden">Cluster</span>
      {locked ? (
        <select className="preset" value="lecture" disabled title={lockedTitle}>
          <option value="lecture">{locked.label}</option>
        </select>
      ) : (
        <select className="preset" value={settled.value} aria-busy={isLoading} title={`${presetOf(draft.preset, draft.config, draft.title).description}${settled.isPending ? ' (Enter applies it)' : ''}`} onChange={settled.onChange} onKeyDown={settled.onKeyDown} onBlur={settled.onBlur}>
          {presetChoices(draft).map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.label}
            </option>
          ))}
        </select>
      )}
    </label>
  );
}

/** The seed: applied on Enter or when the field loses focus; read-only in a lecture. */
function SeedField({ text, isInvalid, locked, lockedTitle, onText, onApply, onBlur }: { text: string; isInvalid: boolean; locked: LectureCluster | null; lockedTitle: string | undefined; onText: (text: string) => void; onApply: () => void; onBlur: () => void }) {
  return (
    <form
      className="seed-form"
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <label className="inline-label">
        <span>Seed</span>
        <input className="seed" inputMode="numeric" value={locked ? String(locked.seed) : text} readOnly={locked !== null} title={lockedTitle} aria-invalid={isInvalid ? 'true' : undefined} onChange={(e) => onText(e.target.value)} onBlur={onBlur} />
      </label>
    </form>
  );
}

/** One of N, R, W, showing the value in use (a refused one is said beside, not shown); `lockedTitle` (why it cannot change) disables it. */
function QuorumSelect({ label, value, options, lockedTitle, onChange }: { label: string; value: number; options: readonly number[]; lockedTitle: string | undefined; onChange: (v: number) => void }) {
  const settled = useSettledSelect(String(value), (v) => onChange(Number(v)));
  return (
    <label className="inline-label nrw">
      <span>{label}</span>
      <select value={settled.value} disabled={lockedTitle !== undefined} title={lockedTitle ?? (settled.isPending ? 'Enter applies it' : undefined)} onChange={settled.onChange} onKeyDown={settled.onKeyDown} onBlur={settled.onBlur}>
        {options.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Opens the library; a lecture left with the keyboard (its Leave button gone) leaves focus here, where the library offers to resume it. */
function LecturesButton() {
  const button = useRef<HTMLButtonElement>(null);
  const isLecture = useLectureStore((s) => s.lecture !== null);
  const wasLecture = useRef(isLecture);
  useEffect(() => {
    if (wasLecture.current && !isLecture && (document.activeElement === document.body || document.activeElement === null)) button.current?.focus();
    wasLecture.current = isLecture;
  }, [isLecture]);
  return (
    <button type="button" ref={button} className="lectures-open" onClick={() => useLectureStore.getState().libraryToggled(true)}>
      Lectures
    </button>
  );
}
