import { z } from 'zod';

/** What the page may send over the WebSocket: one command invocation at a time, tagged with an id. */
export const clientMessageSchema = z
  .object({
    kind: z.literal('invoke'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

/** Largest message the host accepts from the page; a customer with long notes is far below it. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
