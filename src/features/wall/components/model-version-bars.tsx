import { percentOf, type ModelVersions } from '../utils/fleet-totals.ts'
import styles from './wall.module.css'
import { formatCount } from './wall-format.ts'

/** Newest version first: green, then colours that read apart on the dark palette; older merged ones grey. */
const VERSION_COLORS = ['#29ad32', '#688ae8', '#c33d69', '#f2a238'] as const
const OLDER_COLOR = '#8d99a8'
const UNREPORTED_COLOR = '#3d4f66'

export interface ModelVersionBarsProps {
  readonly models: readonly ModelVersions[]
  /** Devices of models not drawn, or that report no model. */
  readonly otherDevices: number
}

interface Part {
  readonly key: string
  readonly label: string
  readonly count: number
  readonly color: string
}

function partsOf(model: ModelVersions): Part[] {
  const parts: Part[] = model.segments.map((segment, index) => ({
    key: segment.version ?? '\u0000older',
    label: segment.version ?? 'older',
    count: segment.count,
    color: segment.version === undefined ? OLDER_COLOR : (VERSION_COLORS[index] ?? OLDER_COLOR),
  }))
  if (model.unreported > 0)
    parts.push({
      key: '\u0000none',
      label: 'no version',
      count: model.unreported,
      color: UNREPORTED_COLOR,
    })
  return parts
}

/**
 * One compact bar per model: its devices split by reported firmware
 * version, newest first, with a legend in words (the colours alone would
 * not say which version is which). Model and version names are whatever
 * devices reported: drawn as text.
 */
export function ModelVersionBars({ models, otherDevices }: ModelVersionBarsProps) {
  return (
    <div className={styles.models} data-testid="wall-models">
      <span className={styles.label}>Firmware versions per model</span>
      {models.length === 0 ? <span className={styles.empty}>No device reports a model</span> : null}
      {models.map((model) => {
        const parts = partsOf(model)
        const summary = parts
          .map((part) => `${part.label} ${String(percentOf(part.count, model.devices))} %`)
          .join(', ')
        return (
          <div
            key={model.model}
            className={styles.model}
            data-testid="wall-model"
            data-model={model.model}
            data-devices={model.devices}
          >
            <div className={styles.modelName}>
              <span className={styles.ellipsis}>{model.model}</span>
              <span className={styles.muted}>{formatCount(model.devices)}</span>
            </div>
            <div className={styles.bar} role="img" aria-label={`${model.model}: ${summary}`}>
              {parts.map((part) => (
                <div
                  key={part.key}
                  className={styles.segment}
                  style={{
                    width: `${String((part.count / Math.max(1, model.devices)) * 100)}%`,
                    background: part.color,
                  }}
                />
              ))}
            </div>
            <div className={styles.legend} aria-hidden="true">
              {parts.map((part) => (
                <span key={part.key} className={styles.ellipsis}>
                  <span className={styles.swatch} style={{ background: part.color }} />
                  {part.label} {percentOf(part.count, model.devices)} %
                </span>
              ))}
            </div>
          </div>
        )
      })}
      {otherDevices > 0 ? (
        <span className={styles.muted}>
          {formatCount(otherDevices)} more report no model, or one not drawn
        </span>
      ) : null}
    </div>
  )
}
