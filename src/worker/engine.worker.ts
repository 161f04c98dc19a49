/**
 * The engine in a module Web Worker. This file only adapts (DESIGN §4): it reads
 * commands, hands them to the session host, and posts the replies. No Dynamo logic here.
 */
/// <reference lib="webworker" />
import { SessionHost } from './session-host';
import type { Command, Reply } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SessionHost();

scope.onmessage = (event: MessageEvent<Command>) => {
  const command = event.data;
  let reply: Reply;
  try {
    reply = host.handle(command);
  } catch (error) {
    reply = { type: 'error', id: typeof command?.id === 'number' ? command.id : null, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
