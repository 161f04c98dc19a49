/**
 * The worker's state: one timeline, the selected key, and how much of the trace the page
 * already has. Turns commands into replies; plain TypeScript, tested without a worker.
 */
import { InputError, clusterView, keyPositions, keyView } from '../engine/index';
import { Timeline } from './timeline';
import { recordScenarioSteps } from './record-scenario';
import { parseScenarioText } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import { loadLecture } from '../lectures/index';
import { DEFAULT_CONFIG, DEFAULT_SEED } from './default-config';
import type { ClusterSummary, Command, Frame, Reply, Session } from './protocol';
import { undoLabel } from './undo-label';

export class SessionHost {
  private timeline = Timeline.create(DEFAULT_CONFIG, DEFAULT_SEED);
  private selectedKey: string | null = null;
  /** Trace events the page holds. */
  private sent = 0;
  private sentKeyCount = -1;

  handle(command: Command): Reply {
    try {
      return this.dispatch(command);
    } catch (error) {
      const field = error instanceof InputError ? error.field : undefined;
      return { type: 'error', id: command.id, message: error instanceof Error ? error.message : String(error), ...(field ? { field } : {}) };
    }
  }

  private dispatch(command: Command): Reply {
    const t = this.timeline;
    switch (command.type) {
      case 'hello':
        return { type: 'hello', id: command.id, cluster: this.summary() };
      case 'preferenceList': {
        const cluster = t.current;
        const position = cluster.keyPosition(command.key);
        const list = cluster.preferenceListOf(command.key);
        return { type: 'preferenceList', id: command.id, key: command.key, position, nodes: [...list.nodes], fallbacks: [...list.fallbacks] };
      }
      case 'session':
        return { type: 'session', id: command.id, session: { seed: t.seed, config: t.config, actions: t.compactActions(), cursor: t.cursor } };
      case 'loadScenario': {
        const parsed = parseScenarioText(command.text);
        if (!parsed.ok) return { type: 'error', id: command.id, message: `This scenario cannot be opened: ${parsed.error.message}` };
        return this.loadRecorded(command.id, parsed.scenario);
      }
      case 'loadLecture': {
        const lecture = loadLecture(command.lectureId);
        const part = lecture.parts[command.part];
        if (!part) return { type: 'error', id: command.id, message: `lecture "${command.lectureId}" has no part ${command.part + 1}` };
        return this.loadRecorded(command.id, part.scenario);
      }
      case 'load':
        this.load(command.session ?? { seed: DEFAULT_SEED, config: DEFAULT_CONFIG, actions: [] });
        return this.frame(command.id, 0);
      case 'input': {
        const keep = t.input(command.input);
        return this.frame(command.id, keep);
      }
      case 'stepForward':
        for (let i = 0; i < (command.count ?? 1); i++) if (!t.stepForward()) break;
        break;
      case 'stepBack':
        t.stepBack();
        break;
      case 'undo': {
        const keep = t.undo();
        if (keep === null) return { type: 'error', id: command.id, message: 'There is nothing to undo at this point.' };
        return this.frame(command.id, keep);
      }
      case 'seek':
        t.seek(command.cursor);
        break;
      case 'seekToEvent':
        t.seekToEvent(command.seq);
        break;
      case 'advanceTo': {
        let keep = this.sent;
        for (const input of command.inputs ?? []) keep = Math.min(keep, t.input(input));
        t.advanceTo(command.timeMs);
        return this.frame(command.id, keep);
      }
      case 'select':
        this.selectedKey = command.key;
        break;
    }
    return this.frame(command.id, this.sent);
  }

  /** Records a scenario as the new session and rewinds to its start. */
  private loadRecorded(id: number, scenario: Scenario): Frame {
    const { timeline, stepEnds } = recordScenarioSteps(scenario);
    timeline.seek(0);
    this.timeline = timeline;
    this.sent = 0;
    this.sentKeyCount = -1;
    return { ...this.frame(id, 0), stepEnds };
  }

  /** Replays a session's actions; the same seed and actions give the same events. */
  private load(session: Session): void {
    const timeline = Timeline.create(session.config, session.seed);
    timeline.replayActions(session.actions);
    if (session.cursor !== undefined) timeline.seek(session.cursor);
    this.timeline = timeline;
    this.sent = 0;
    this.sentKeyCount = -1;
  }

  private frame(id: number, keepFrom: number): Frame {
    const t = this.timeline;
    const cluster = t.current;
    const from = Math.min(keepFrom, this.sent);
    const events = t.trace.slice(from);
    this.sent = t.trace.length;
    const view = clusterView(cluster);
    const keysChanged = view.keyCount !== this.sentKeyCount;
    this.sentKeyCount = view.keyCount;
    return {
      type: 'frame',
      id,
      cursor: t.cursor,
      length: t.length,
      traceLengthAtCursor: t.traceLengthAtCursor,
      nowMs: cluster.nowMs,
      nextEventMs: t.nextEventTime() ?? null,
      undoable: undoLabel(t.lastInput()),
      view,
      keyView: this.selectedKey === null ? null : keyView(cluster, this.selectedKey),
      keys: keysChanged ? keyPositions(cluster) : null,
      trace: { from, events },
    };
  }

  private summary(): ClusterSummary {
    const cluster = this.timeline.current;
    const { n, r, w, ringSize } = cluster.config;
    return { n, r, w, ringSize: ringSize ?? null, tokens: cluster.ring.tokens.map(({ pos, node }) => ({ pos, node })) };
  }
}
