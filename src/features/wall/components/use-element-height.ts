import { useEffect, useState } from 'react'

/**
 * An element's height in pixels as the layout gives it, following resizes:
 * for charts, which take a height in pixels, to fill the room the screen
 * leaves them whatever its size. Returns the ref to put on the element (it
 * may mount later than the component) and the height, 0 until measured.
 */
export function useElementHeight(): [(element: HTMLElement | null) => void, number] {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const [height, setHeight] = useState(0)
  useEffect(() => {
    if (element === null) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) setHeight(Math.floor(entry.contentRect.height))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [setElement, height]
}
