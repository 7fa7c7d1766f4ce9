/**
 * Whether job events are being pushed to this page:
 * - `live`: connected and subscribed; counters move with the events;
 * - `connecting`: the first connection is being made (or will be, as soon as
 *   a page subscribes);
 * - `polling`: not connected (it failed or dropped, and is retried with
 *   backoff); pages fall back to polling DescribeJob.
 */
export type LiveStatus = 'connecting' | 'live' | 'polling'
