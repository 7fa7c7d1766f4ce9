import { applyMode, Mode } from '@cloudscape-design/global-styles'
import { useCallback, useEffect, useState } from 'react'

export type ColorMode = 'light' | 'dark'

const STORAGE_KEY = 'fleetdeck.colorMode'

function initialMode(): ColorMode {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'light' || stored === 'dark') return stored
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

function applyColorMode(mode: ColorMode): void {
  applyMode(mode === 'dark' ? Mode.Dark : Mode.Light)
  document.documentElement.style.colorScheme = mode
}

/** Dark or light, remembered per browser; the system's preference until the user picks one. */
export function useColorMode(): readonly [ColorMode, (mode: ColorMode) => void] {
  const [mode, setModeState] = useState<ColorMode>(initialMode)
  useEffect(() => applyColorMode(mode), [mode])
  const setMode = useCallback((next: ColorMode) => {
    localStorage.setItem(STORAGE_KEY, next)
    setModeState(next)
  }, [])
  return [mode, setMode] as const
}

/**
 * One mode while the calling view is shown, whatever the user chose (the
 * wall display is always dark); the remembered mode comes back when it
 * leaves, and is not overwritten.
 */
export function useForcedColorMode(mode: ColorMode): void {
  useEffect(() => {
    applyColorMode(mode)
    return () => applyColorMode(initialMode())
  }, [mode])
}
