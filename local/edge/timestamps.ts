/**
 * The control plane sends timestamps as epoch seconds in a JSON number,
 * fractions allowed (restJson1 DateType); the jobs data plane and MQTT send
 * whole seconds (`long`). Milliseconds would parse silently as dates
 * thousands of years ahead, so the units live here and nowhere else.
 */
export function controlPlaneTime(ms: number): number
export function controlPlaneTime(ms: number | undefined): number | undefined
export function controlPlaneTime(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000
}

export function dataPlaneTime(ms: number): number
export function dataPlaneTime(ms: number | undefined): number | undefined
export function dataPlaneTime(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.floor(ms / 1000)
}
