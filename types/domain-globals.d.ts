// domain/ is checked without DOM or Node types so that it cannot reach for I/O.
// URL is the exception: it exists in every runtime domain/ runs in (browsers and
// Node), does no I/O, yet belongs to neither the ES lib nor a runtime-neutral
// types package. Only tsconfig.domain.json includes this file.
declare class URL {
  static canParse(url: string, base?: string): boolean
  constructor(url: string, base?: string)
  readonly protocol: string
  readonly hostname: string
  readonly pathname: string
  readonly search: string
  readonly hash: string
}
