/**
 * MQTT topic names and filters (MQTT 3.1.1 §4.7): `+` matches one level,
 * `#` the rest (including the parent level), and topics starting with `$`
 * are matched by wildcards only when the filter names the `$` level itself.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = filter.split('/')
  const topicLevels = topic.split('/')
  // §4.7.2: a filter starting with a wildcard does not match $-topics.
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  for (let index = 0; index < filterLevels.length; index += 1) {
    const level = filterLevels[index]
    if (level === '#') return true
    if (index >= topicLevels.length) return false
    if (level !== '+' && level !== topicLevels[index]) return false
  }
  return filterLevels.length === topicLevels.length
}

/** Whether every topic the filter can match also matches `pattern` (a filter, possibly with wildcards). */
export function filterWithin(filter: string, pattern: string): boolean {
  const filterLevels = filter.split('/')
  const patternLevels = pattern.split('/')
  for (let index = 0; index < patternLevels.length; index += 1) {
    const level = patternLevels[index]
    if (level === '#') return true
    const asked = filterLevels[index]
    if (asked === undefined || asked === '#') return false
    if (level !== '+' && (asked === '+' || asked !== level)) return false
  }
  return filterLevels.length === patternLevels.length
}

/** The number of levels in a topic or filter: one more than its slashes. */
export function topicLevelCount(topic: string): number {
  return topic.split('/').length
}
