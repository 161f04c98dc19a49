/**
 * Lecture mode's drawer: the step's narration in type a projector's back row can read, the
 * question with its choices and its answer hidden until Next, "Step 3 of 12", Previous and
 * Next, and the parts of a lecture that has several.
 */
import { useEffect, useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { useOverflow } from '../../app/use-overflow';
import { useSettledSelect } from '../../app/use-settled-select';
import { prefersReducedMotion } from '../../engine-client/playback-clock';
import { correctChoice, type Lecture, type Question } from '../../lectures/index';
import { useController } from '../../app/controller-context';
import { NoticeBox } from '../controls/NoticeBox';
import { LectureChecks } from './LectureChecks';
import { progress, stepSummary } from './lecture-nav';
import { useIsAwayFromStep, useIsOffScript, useLectureStore } from './lecture-store';
import { choicePicked, nextPressed, partChosen, previousPressed, scriptResumed, stepReturned } from './lecture-player';
import { lectureLeft } from './lecture-session';
import { useIsVeiled } from './use-veils';
import { measureFold, useWholeLines } from './narration-fold';
import { useStore } from '../../store/store';
import { useHistory } from '../versions/use-history';
import { keyName, versionNames } from '../../engine/index';
import { KeyText, NamedText } from '../../app/NamedText';

export function LecturePanel() {
  const controller = useController();
  const lecture = useLectureStore((s) => s.lecture);
  const shape = useLectureStore((s) => s.shape);
  const place = useLectureStore((s) => s.place);
  const isBusy = useLectureStore((s) => s.isBusy);
  const isPlaying = useLectureStore((s) => s.isPlayingStep);
  const checks = useLectureStore((s) => s.checks);
  const picked = useLectureStore((s) => s.picked);
  if (!lecture || !shape) return null;
  const part = lecture.parts[place.part]!;
  const guide = part.guide[place.step] ?? {};
  const step = part.scenario.steps[place.step];
  const { number, total } = progress(shape, place);
  const isFirst = number === 1;
  const isLast = number === total && (!guide.question || place.isRevealed);
  return (
    <section className="panel lecture-panel" aria-labelledby="lecture-title">
      <div className="panel-head">
        <h2 id="lecture-title" className="panel-title" title={lecture.title}>
          {lecture.title}
        </h2>
        {/* Short on screen so the lecture's title keeps the width; named in full for everyone else. */}
        <button type="button" className="leave-lecture" aria-label="Leave lecture" title="Leave lecture (Esc)" onClick={() => void lectureLeft(controller)}>
          <span aria-hidden="true">✕ </span>Leave
        </button>
      </div>
      {lecture.parts.length > 1 && <PartChooser lecture={lecture} part={place.part} isBusy={isBusy} onChoose={(i) => void partChosen(controller, i)} />}
      <Narration key={`narration ${place.part}:${place.step}`}>
        {guide.narration ? (
          <p className="narration">{guide.narration}</p>
        ) : (
          <p className="narration subtle">
            <NamedText text={stepSummary(part.scenario.steps[place.step])} />
          </p>
        )}
        {step?.op === 'inspect' ? <InspectCard node={step.node} /> : null}
      </Narration>
      {/* Below the narration, never scrolled away with it: a long narration hid the question under the fold. */}
      {guide.question && <QuestionView key={`question ${place.part}:${place.step}`} question={guide.question} isRevealed={place.isRevealed} />}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {stepAnnouncement(number, total, guide.narration ?? stepSummary(part.scenario.steps[place.step]), guide.question, place.isRevealed, picked)}
      </p>
      <div className="lecture-fill" />
      <ScriptNotice isBusy={isBusy} />
      <NoticeBox />
      <LectureChecks checks={checks} place={place} hasParts={lecture.parts.length > 1} />
      <p className="lecture-progress" role="group" aria-label="Progress">
        Step {number} of {total}
      </p>
      {/* Next greyed out alone said nothing on a projector: the class is told the lecture is over. */}
      {isLast && !isBusy ? (
        <p className="lecture-end" role="note">
          End of the lecture: Leave (Esc) returns to free play.
        </p>
      ) : null}
      <LectureNav isFirst={isFirst} isLast={isLast} isBusy={isBusy} isPlaying={isPlaying} lectureId={lecture.id} place={`${place.part}:${place.step}`} />
    </section>
  );
}

/**
 * Off the lecture's script, or playback away from its step: said, with the way back. The
 * button goes with the notice once it has worked, and its keyboard focus on to Next, not to
 * the page's body.
 */
function ScriptNotice({ isBusy }: { isBusy: boolean }) {
  const controller = useController();
  const isOff = useIsOffScript();
  const isAway = useIsAwayFromStep();
  // Away after the step, the panels stay veiled while its question waits (useIsVeiled): said, so nobody takes the veil for a fault.
  const isAnswerKept = useIsVeiled() && isAway;
  if (isOff && !isBusy) {
    return (
      <p className="off-script" role="status">
        Off script: the cluster shows your own actions, not the lecture's.{' '}
        <button type="button" onClick={() => void scriptResumed(controller).then(() => requestAnimationFrame(keepFocus))}>
          Back to the lecture
        </button>
      </p>
    );
  }
  if (!isAway) return null;
  return (
    <p className="off-script" role="status">
      Playback has moved away from this step: the panels show another moment{isAnswerKept ? ", the question's answer still hidden" : ''}.{' '}
      <button type="button" onClick={() => void stepReturned(controller).then(() => requestAnimationFrame(keepFocus))}>
        Back to the step
      </button>
    </p>
  );
}

/** Previous and Next. aria-disabled, not disabled: a disabled button loses the keyboard's focus, and Next is greyed out for a moment at every step. */
function LectureNav({ isFirst, isLast, isBusy, isPlaying, lectureId, place }: { isFirst: boolean; isLast: boolean; isBusy: boolean; isPlaying: boolean; lectureId: string; place: string }) {
  const controller = useController();
  const next = useRef<HTMLButtonElement>(null);
  // A lecture just chosen takes the keyboard's focus to Next (the library, closing, gave it back to its opener in the header,
  // where Space opened the library again instead of going on).
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (!next.current?.closest('.lecture-panel')?.contains(document.activeElement)) next.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [lectureId]);
  // A step's own buttons (More, a choice) go with it: the focus they held moves on to Next, not to the page's body.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (document.activeElement === document.body || document.activeElement === null) next.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [place]);
  const isBackOff = isFirst || isBusy;
  // While a step plays, Next ends the play at once (its end), as a slide's animation does.
  const isNextOff = !isPlaying && (isLast || isBusy);
  return (
    <div className="lecture-nav">
      <button type="button" aria-label="Previous" onClick={() => void (isBackOff ? null : previousPressed(controller))} aria-disabled={isBackOff}>
        ◀ Previous
      </button>
      <button type="button" ref={next} aria-label="Next" className="primary" onClick={() => void (isNextOff ? null : nextPressed(controller))} aria-disabled={isNextOff}>
        Next ▶
      </button>
    </div>
  );
}

/** The More button's row under the narration (15 px type, its border and its margin). */
const MORE_ROW_PX = 26;

/**
 * The step's narration, scrolling in its own box when it is long, with a button a projector
 * shows (an overlay scrollbar shows nothing until scrolled): "More" pages down, and at the
 * end it takes the text back to its start. It stays while the text overflows, so the question
 * below never jumps.
 *
 * The button has its own row under the text, and the box keeps a few lines (app.css,
 * --narration-px): a revealed answer squeezed the narration to a line and a half with the
 * button over the second, and the sentence the question rests on was out of sight; now the
 * answer's box scrolls instead (lecture 002's gossip round at 1280×720).
 */
function Narration({ children }: { children: ReactNode }) {
  const body = useRef<HTMLDivElement>(null);
  const overflow = useOverflow(body);
  const { isOver, contentPx } = overflow;
  // The box folds its text on whole lines (narration-fold.ts): its height, the drawer's, cut through a line.
  const hidesFoot = useWholeLines(body, isOver);
  const isAtEnd = overflow.isAtEnd && !hidesFoot;
  const scroll = () => {
    const box = body.current;
    if (!box) return;
    const behavior = prefersReducedMotion() ? 'instant' : 'smooth';
    if (isAtEnd) box.scrollTo({ top: 0, behavior });
    // Down to the last whole line shown, which comes to the top, whole.
    else box.scrollBy({ top: measureFold(box).page ?? box.clientHeight, behavior });
  };
  // The narration's whole height: the box is kept at least that tall, up to a few lines (app.css).
  const style = { '--narration-px': `${contentPx + (isOver ? MORE_ROW_PX : 0)}px` } as CSSProperties;
  return (
    <div className="lecture-body-wrap" style={style}>
      <div className={isOver ? 'lecture-body is-over' : 'lecture-body'} ref={body}>
        {children}
      </div>
      {isOver ? (
        <button type="button" className="more-below" onClick={scroll}>
          {isAtEnd ? "▲ Start of this step's text" : "▼ More of this step's text"}
        </button>
      ) : null}
    </div>
  );
}

/**
 * What a screen reader says at each step (one status line kept across steps, changed in
 * place: a live region mounted already holding its text is not reliably read). A choice
 * picked is said right or wrong first: the list marks it by sign, which a listener has not
 * heard, and the answer alone left them to work out whether it agreed with theirs.
 */
export function stepAnnouncement(number: number, total: number, narration: string, question: Question | undefined, isRevealed: boolean, picked: number | null = null): string {
  if (question && isRevealed) {
    const right = correctChoice(question);
    const choice = picked === null ? undefined : question.choices?.[picked];
    const verdict = choice === undefined || right === undefined ? '' : picked === right ? `Your choice, ${choice}, is right. ` : `Your choice, ${choice}, is wrong; the right one is ${question.choices![right]!}. `;
    return `${verdict}Answer: ${question.answer}`;
  }
  const asked = question ? ` Question: ${question.prompt}${question.choices ? ` Choices: ${question.choices.join('; ')}.` : ''}` : '';
  return `Step ${number} of ${total}. ${narration}${asked}`;
}

/**
 * What an inspect step looks at, on screen beside the narration that tells it: the node's
 * own copies of the lecture's key and the hints it keeps ("D, key cart: in its own data, nothing; as hints, D1 for B").
 * "D's own data is empty" had no panel showing D's own data. Not veiled while the step's
 * question waits: the card says what the narration beside it says (the Merkle lecture's
 * "Node0 holds (k0, v2), (k1, v1)" stood above a veiled card), and a question whose answer it
 * would give belongs on an earlier step.
 */
function InspectCard({ node }: { node: string }) {
  const key = useStore((s) => s.selectedKey);
  const history = useHistory(key);
  if (key === null) return null;
  const held = history?.holdings.find((h) => h.node === node);
  const own = held && held.stored.length > 0 ? versionNames(held.stored) : 'nothing';
  const hinted = held?.hinted ?? [];
  return (
    <p className="inspect-card" role="note" aria-label={`What ${node} holds of ${keyName(key)}`}>
      <strong>{node}</strong>, key{' '}
      <strong>
        <KeyText k={key} />
      </strong>
      : in its own data, {own};{' '}
      {hinted.length > 0 ? `as hints, ${hinted.map((x) => `${versionNames(x.versionIds)} for ${x.intendedFor}`).join('; ')}` : 'no hints'}.
    </p>
  );
}

function QuestionView({ question, isRevealed }: { question: Question; isRevealed: boolean }) {
  const controller = useController();
  const right = isRevealed ? correctChoice(question) : undefined;
  const picked = useLectureStore((s) => (isRevealed ? s.picked : null));
  const isPlaying = useLectureStore((s) => s.isPlayingStep);
  // On a projector nobody scrolls: a revealed answer is brought into view.
  const answer = useRef<HTMLParagraphElement>(null);
  // Where the answer does not fit, the choices neither right nor picked make way for it first
  // (app.css, .is-folded): scrolled down to the answer, the right choice went under the pinned prompt
  // and a wrong one stood alone above "A:", read as the answer (lecture 002's gossip round: "A seed,
  // every time"). A class on the box, set where its height is measured, before the page is painted.
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Only the question's own box scrolls, and only if the answer does not fit: scrollIntoView also scrolled the page's
    // columns, which stayed scrolled for the rest of the lecture.
    // The prompt stays pinned at the box's top (CSS sticky): the box scrolls to its end, or, if the answer is
    // too long for that, to the answer's start just under the prompt. Scrolled to its end, a long answer hid
    // the question it answers (lecture 002's gossip round: "How does E choose whom to contact?").
    const box = frame.current;
    if (!box) return;
    box.classList.remove('is-folded', 'is-folded-more');
    const isOver = () => box.scrollHeight > box.clientHeight;
    if (!isRevealed || !answer.current || !isOver()) return;
    if (right !== undefined && (question.choices?.length ?? 0) > 1) box.classList.add('is-folded');
    // Still too long with the class's wrong pick beside the right choice: scrolled to the answer, the right one went under
    // the prompt and "✗ A seed, every time" stood alone above "A:". The pick leaves the choices for the answer's first
    // words ("A: ✗ Not “A seed, every time”."), where it costs no line of its own and scrolls with the answer.
    if (right !== undefined && picked !== null && picked !== right && isOver()) box.classList.add('is-folded-more');
    if (isOver()) scrollToAnswer(box, box.querySelector<HTMLElement>('.prompt'), answer.current);
    // `picked` too: the class's choice, marked ✗ below the right one, can come a render after the answer.
  }, [isRevealed, right, picked, question]);
  return (
    <div className="question" role="group" aria-label="Question" ref={frame}>
      <p className="prompt">
        <strong>Q:</strong> {question.prompt}
      </p>
      {question.choices && (
        <ul className="choices">
          {question.choices.map((c, i) => (
            <li key={c} className={[i === right ? 'right' : '', i === picked ? 'picked' : ''].join(' ').trim() || undefined}>
              {isRevealed ? (
                <>
                  {/* Marked by sign as well as colour: the right one ✓ whoever picked it, a wrong pick ✗. */}
                  {i === right ? <span aria-hidden="true">✓ </span> : i === picked ? <span aria-hidden="true">✗ </span> : null}
                  {c}
                  {i === right && <span className="visually-hidden"> (right answer)</span>}
                  {i === picked && <span className="visually-hidden"> (chosen)</span>}
                </>
              ) : (
                // Clicking a choice (the class's vote, say) reveals the answer with it marked.
                <button type="button" className="choice" title="Answer with this: shows the answer" onClick={() => void choicePicked(controller, i).then(keepFocus)}>
                  {c}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isRevealed ? (
        <p className="answer" role="group" aria-label="Answer" ref={answer}>
          <strong>A:</strong> {/* Where the class's wrong pick makes way for the answer (.is-folded-more), the answer says it first: it must not vanish unmarked. */}
          {picked !== null && right !== undefined && picked !== right ? (
            <span className="picked-note">
              <span aria-hidden="true">✗ </span>Not “{question.choices?.[picked]}”<span className="visually-hidden"> (chosen)</span>.{' '}
            </span>
          ) : null}
          {question.answer}
        </p>
      ) : (
        <p className="answer-hidden subtle">{isPlaying ? 'The step is playing: Next ends it, then shows the answer.' : 'Press Next to show the answer.'}</p>
      )}
    </div>
  );
}

/**
 * Scrolls the question's box to show its revealed answer: to the box's end, or to the answer's start under the
 * pinned prompt if the answer is longer than that leaves. At the end, the item scrolled under the prompt showed
 * as a sliver (the right choice's green edge, lecture 002's gossip round): the box scrolls on to the next whole
 * item, with that much room made under the answer.
 */
function scrollToAnswer(box: HTMLElement, prompt: HTMLElement | null, answer: HTMLElement): void {
  const under = (prompt?.offsetHeight ?? 0) + 4;
  const end = box.scrollHeight - box.clientHeight;
  const target = Math.min(end, answer.offsetTop - under);
  const starts = [...box.querySelectorAll<HTMLElement>('.choices li'), answer].map((el) => el.offsetTop - under);
  const whole = starts.find((top) => top >= target - 1) ?? target;
  if (whole > end) box.style.paddingBottom = `${whole - end + parseFloat(getComputedStyle(box).paddingBottom)}px`;
  box.scrollTop = whole;
}

/**
 * The part's whole title, wrapped, with the select laid over it unseen: a select shows one
 * line, and cut to the drawer's width it hid most titles ("Strategy 1: T random tok…").
 */
function PartChooser({ lecture, part, isBusy, onChoose }: { lecture: Lecture; part: number; isBusy: boolean; onChoose: (part: number) => void }) {
  // Arrowed through, the menu opened every part on the way, and disabled while one loaded it dropped the keyboard's focus.
  // Chosen while a part is still loading, it opens once that is done (partChosen): dropped, the menu showed a part the lecture was not on.
  const settled = useSettledSelect(String(part), (p) => onChoose(Number(p)));
  const shown = Number(settled.value);
  const title = lecture.parts[shown]?.title;
  return (
    <label className="lecture-part">
      <span className="part-shown" aria-hidden="true">
        <strong>
          Part {shown + 1} of {lecture.parts.length}
        </strong>
        {title ? `: ${title}` : ''}
        <span className="part-caret">{settled.isPending ? ' — Enter opens it' : ' ▾'}</span>
      </span>
      <select aria-label="Part" value={settled.value} aria-busy={isBusy} onChange={settled.onChange} onKeyDown={settled.onKeyDown} onBlur={settled.onBlur}>
        {lecture.parts.map((p, i) => (
          <option key={i} value={i}>
            {i + 1}. {p.title ?? `Part ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The choice clicked is gone once the answer shows: a keyboard user's focus goes on to Next rather than to the page's start. */
function keepFocus(): void {
  if (document.activeElement === document.body) document.querySelector<HTMLButtonElement>('.lecture-nav button[aria-label="Next"]')?.focus();
}
