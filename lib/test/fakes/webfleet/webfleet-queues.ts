// The WEBFLEET.connect message queue store (reference §1.3): one queue per
// (account, user, msgclass), each with `pending` and `inflight`. A pop moves up to the
// cap from pending to inflight only when inflight is empty, so a pop without an ack
// returns the same batch (at-least-once); an ack clears whatever the previous pop returned.

export type TQueueMessage = Record<string, unknown> & { msg_class: number; msg_type: number };

export type TQueue = {
  account: string;
  username: string;
  msgclass: number;
  pending: TQueueMessage[];
  inflight: TQueueMessage[];
  createdAt: number;
  lastPolledAt: number;
};

const typeCode = (message: TQueueMessage) => message.msg_type % 1000;
const DRIVER_TYPE_CODES = new Set([710, 711, 712, 713, 714, 715]);

/**
 * Which queue message (by its own `msg_class` 1–11 and `msg_type`) each request `msgclass` receives.
 * 0 and 2 follow the quoted text of §1.3 (S); 4, 5 and 8 are the nearest reading of it; 7 and 15 are ?.
 */
export const MSGCLASS_FILTERS: Record<number, (message: TQueueMessage) => boolean> = {
  0: () => true,
  2: (message) => typeCode(message) !== 353,
  4: (message) => message.msg_class === 11,
  5: (message) => DRIVER_TYPE_CODES.has(typeCode(message)),
  7: (message) => message.msg_class === 1,
  8: (message) => message.msg_class === 2,
  15: (message) => message.msg_class === 8,
};

const keyOf = ({ account, username, msgclass }: { account: string; username: string; msgclass: number }) =>
  `${account}\u0000${username}\u0000${msgclass}`;

/** Creates the queue store; `now` is the fake's clock, `ttlMs()` the current expiry of an unpolled queue (null: never). */
export const createQueueStore = ({ now, ttlMs }: { now: () => number; ttlMs: () => number | null }) => {
  const queues = new Map<string, TQueue>();

  const find = (where: { account: string; username: string; msgclass: number }) => {
    const queue = queues.get(keyOf(where));
    if (!queue) return undefined;
    const ttl = ttlMs();
    // Retention is open item §7.1: an unpolled queue expires only when a test sets a TTL.
    if (ttl !== null && now() - queue.lastPolledAt > ttl) {
      queues.delete(keyOf(where));
      return undefined;
    }
    return queue;
  };

  /** Creates the queue if missing; answers whether it already existed. */
  const create = (where: { account: string; username: string; msgclass: number }) => {
    if (find(where)) return { existed: true };
    queues.set(keyOf(where), { ...where, pending: [], inflight: [], createdAt: now(), lastPolledAt: now() });
    return { existed: false };
  };

  const pop = ({ cap, ...where }: { account: string; username: string; msgclass: number; cap: number }) => {
    const queue = find(where);
    if (!queue) return undefined;
    queue.lastPolledAt = now();
    if (queue.inflight.length === 0) queue.inflight = queue.pending.splice(0, cap);
    return queue.inflight;
  };

  const ack = (where: { account: string; username: string; msgclass: number }) => {
    const queue = find(where);
    if (!queue) return false;
    queue.inflight = [];
    return true;
  };

  const remove = (where: { account: string; username: string; msgclass: number }) => queues.delete(keyOf(where));

  /** Delivers messages to every existing queue of the user whose msgclass takes them; answers how many queues took them. */
  const enqueue = ({ account, username, messages }: { account: string; username: string; messages: TQueueMessage[] }) => {
    let delivered = 0;
    for (const queue of queues.values()) {
      if (queue.account !== account || queue.username !== username) continue;
      const takes = MSGCLASS_FILTERS[queue.msgclass] ?? (() => false);
      const taken = messages.filter(takes);
      if (taken.length === 0) continue;
      queue.pending.push(...taken.map((message) => ({ ...message })));
      delivered += 1;
    }
    return delivered;
  };

  return { queues, find, create, pop, ack, remove, enqueue };
};
