/**
 * Whether an MQTT topic matches a topic filter (MQTT 3.1.1 §4.7): `+` matches
 * one level, a final `#` the parent and any levels below it, and a filter
 * starting with a wildcard does not match topics starting with `$` (§4.7.2),
 * so `#` never receives `$aws/…` while `$aws/events/#` does.
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const filterLevels = filter.split('/')
  const topicLevels = topic.split('/')
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  for (const [index, level] of filterLevels.entries()) {
    if (level === '#') return index === filterLevels.length - 1
    const topicLevel = topicLevels[index]
    if (topicLevel === undefined) return false
    if (level !== '+' && level !== topicLevel) return false
  }
  return filterLevels.length === topicLevels.length
}
