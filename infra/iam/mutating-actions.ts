/**
 * Whether an action changes something, judged by its name as AWS names them
 * (Create…, Put…, Delete…): the check that a viewer role, and the read-only
 * part of any role, holds none. Read actions start with Describe, Get, List,
 * Search or the MQTT verbs that only listen (Connect, Subscribe, Receive);
 * lambda:InvokeFunction* is judged by what the function does (docs/deploy.md).
 */
const MUTATING_PREFIXES = [
  'Abort',
  'Accept',
  'Add',
  'Associate',
  'Attach',
  'Cancel',
  'Clear',
  'Complete',
  'Confirm',
  'Create',
  'Delete',
  'Deprecate',
  'Detach',
  'Disable',
  'Disassociate',
  'Enable',
  'Modify',
  'Pass',
  'Publish',
  'Put',
  'Register',
  'Reject',
  'Remove',
  'Replace',
  'Restore',
  'RetainPublish',
  'Set',
  'Start',
  'Stop',
  'Tag',
  'Transfer',
  'Untag',
  'Update',
  'Upload',
] as const

export function isMutatingAction(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1)
  return MUTATING_PREFIXES.some((prefix) => name.startsWith(prefix))
}
