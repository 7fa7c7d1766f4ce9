import { z } from 'zod'

/**
 * zod compiles object schemas with `new Function` unless told not to, and
 * decides when each schema is built, so this must run before any module
 * that declares one: main.tsx imports this module first. Its probe for
 * `new Function` is otherwise reported as a violation of the production
 * Content-Security-Policy, which has no 'unsafe-eval'.
 */
z.config({ jitless: true })
