/**
 * Maps method + path to an operation, with `{label}` segments as the AWS
 * models write them. Labels are matched on the raw path and then
 * percent-decoded, as a restJson1 server decodes httpLabel members.
 */
export interface RouteMatch<T> {
  readonly value: T
  readonly params: Readonly<Record<string, string>>
}

interface CompiledRoute<T> {
  readonly method: string
  readonly path: string
  readonly segments: readonly string[]
  readonly value: T
}

export class Router<T> {
  readonly #routes: CompiledRoute<T>[] = []

  add(method: string, path: string, value: T): this {
    this.#routes.push({ method, path, segments: splitPath(path), value })
    return this
  }

  routes(): readonly { readonly method: string; readonly path: string; readonly value: T }[] {
    return this.#routes
  }

  match(method: string, rawPath: string): RouteMatch<T> | undefined {
    const segments = splitPath(rawPath)
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue
      const params: Record<string, string> = {}
      const matches = route.segments.every((pattern, index) => {
        const actual = segments[index] ?? ''
        if (pattern.startsWith('{') && pattern.endsWith('}')) {
          params[pattern.slice(1, -1)] = safeDecode(actual)
          return actual.length > 0
        }
        return pattern === actual
      })
      if (matches) return { value: route.value, params }
    }
    return undefined
  }

  /** Methods registered for a path, to tell "no such operation" from "wrong method". */
  methodsFor(rawPath: string): string[] {
    return ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'].filter(
      (method) => this.match(method, rawPath) !== undefined,
    )
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
