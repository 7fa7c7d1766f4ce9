/** Dates in the viewer's own locale and time zone; an absent one as a dash. */
export const formatDateTime = (date: Date | undefined): string =>
  date === undefined
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
