import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../engine/index';
import type { ExchangeProgress } from './merkle-exchange';
import { writesOnTheWay } from './merkle-text';

const message = (label: string, to = 'B'): MessageView => ({ id: 1, from: 'C', to, sentAtMs: 0, deliverAtMs: 10, type: 'put', label, traffic: 'replication', isDoomed: false, doomedBy: null });
const progress = (differingKeys: string[]): ExchangeProgress => ({ a: 'A', b: 'B', ranges: [], levels: [], keyMessages: [], hashesCompared: 0, bytesExchanged: 0, bytesFullTransfer: null, isDone: true, isOk: true, differingKeys });

describe('writesOnTheWay', () => {
  it('counts writes of a differing key on their way to either replica, its name quoted as the message labels quote it', () => {
    expect(writesOnTheWay([message('put(cart)'), message('repair(cart)', 'A'), message('put(hat)')], progress(['cart']))).toBe(2);
    expect(writesOnTheWay([message('put("my cart")'), message('hinted "my cart" for C')], progress(['my cart']))).toBe(2);
  });
});
