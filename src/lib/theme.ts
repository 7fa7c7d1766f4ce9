import { applyMode, Mode } from '@cloudscape-design/global-styles'
import { useCallback, useEffect, useState } from 'react'

export type ColorMode = 'light' | 'dark'

const STORAGE_KEY = 'fleetdeck.colorMode'

function initialMode(): ColorMode {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'light' || stored === 'dark') return stored
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

/** Dark or light, remembered per browser; the system's preference until the user picks one. */
export function useColorMode(): readonly [ColorMode, (mode: ColorMode) => void] {
  const [mode, setModeState] = useState<ColorMode>(initialMode)
  useEffect(() => {
    applyMode(mode === 'dark' ? Mode.Dark : Mode.Light)
    document.documentElement.style.colorScheme = mode
  }, [mode])
  const setMode = useCallback((next: ColorMode) => {
    localStorage.setItem(STORAGE_KEY, next)
    setModeState(next)
  }, [])
  return [mode, setMode] as const
}
