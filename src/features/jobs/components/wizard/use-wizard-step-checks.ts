import { useState } from 'react'
import { thingGroupArn } from '@domain/arn.ts'
import type { mergeJobDocumentText } from '@domain/job-document-merge.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import type { useAccountScope } from '../../api/get-account-scope.ts'
import type { FirmwareRelease } from '../../api/list-firmware-releases.ts'
import {
  NoQueryTargetsError,
  resolveJobTargets,
  resolveQuerySnapshot,
  TooManyQueryTargetsError,
  UnknownTargetsError,
} from '../../api/resolve-job-targets.ts'
import { createJobOptionsInput } from '../../utils/firmware-job-form.ts'
import { checkTarget, dynamicGroupNameFor, queryTargetProblem } from '../../utils/job-target.ts'
import { RESIGN_MARGIN_MS, type SignedUrl } from '../../utils/operator-url.ts'
import { optionsStepErrors, type OptionErrors } from '../../utils/options-errors.ts'
import type { ResolvedTarget } from '../../utils/resolved-target.ts'
import { runStepChecks, stepsToCheck, type StepCheck } from '../../utils/wizard-navigation.ts'
import type { WizardAction, WizardSession } from '../../utils/wizard-transition.ts'

export interface WizardStepChecksInput {
  readonly session: WizardSession
  readonly dispatch: (action: WizardAction) => void
  readonly release: FirmwareRelease | undefined
  readonly account: ReturnType<typeof useAccountScope>
  readonly merged: ReturnType<typeof mergeJobDocumentText> | undefined
  readonly operatorMode: boolean
  readonly currentUrl: SignedUrl | undefined
  readonly signUrl: (nowMs: number) => Promise<SignedUrl | undefined>
  readonly username: string | undefined
}

/** The wizard's active step and the checks (some against AWS) that guard moving forward. */
export function useWizardStepChecks(input: WizardStepChecksInput) {
  const { iot } = useAwsClients()
  const [step, setStep] = useState(0)
  const [checking, setChecking] = useState(false)
  const [targetError, setTargetError] = useState<string | undefined>(undefined)
  const [firmwareError, setFirmwareError] = useState<string | undefined>(undefined)
  const [optionErrors, setOptionErrors] = useState<OptionErrors>({})
  const { form } = input.session

  async function checkTargetStep(): Promise<ResolvedTarget | undefined> {
    setTargetError(undefined)
    const checked = checkTarget(form.targetKind, {
      name: form.targetName,
      names: form.targetNames,
      query: form.targetQuery,
    })
    if (!checked.ok) {
      setTargetError(checked.message)
      return undefined
    }
    const { target } = checked
    try {
      const next: ResolvedTarget =
        target.kind === 'query'
          ? { target, targets: undefined }
          : { target, targets: { kind: 'arns', arns: await resolveJobTargets(iot, target) } }
      input.dispatch({ type: 'resolved', resolved: next })
      return next
    } catch (error) {
      setTargetError(
        error instanceof UnknownTargetsError
          ? error.message
          : awsErrorMessage(error, 'look up the target'),
      )
      return undefined
    }
  }

  function checkFirmwareStep(target: ResolvedTarget | undefined): boolean {
    const { release } = input
    if (release === undefined) {
      setFirmwareError('Choose a model and a version from the catalog.')
      return false
    }
    // The preflight's queries carry the model: check the query's budget with it.
    const problem =
      target?.target.kind === 'query'
        ? queryTargetProblem(target.target.queryString, release.model)
        : undefined
    setFirmwareError(
      problem === undefined ? undefined : `The target query is too long for this model: ${problem}`,
    )
    return problem === undefined
  }

  async function checkOptionsStep(
    target: ResolvedTarget | undefined,
  ): Promise<ResolvedTarget | undefined> {
    const { account, merged, currentUrl } = input
    if (account.data === undefined) {
      setOptionErrors({
        targets: account.isError
          ? awsErrorMessage(account.error, 'learn the AWS account id')
          : 'Still learning the AWS account id; try again.',
      })
      return undefined
    }
    if (target === undefined || merged === undefined) return undefined
    let next = target
    if (target.target.kind === 'query') {
      const { queryString } = target.target
      if (form.options.targetSelection === 'CONTINUOUS') {
        next = { target: target.target, targets: { kind: 'dynamic-group', queryString } }
      } else {
        try {
          const arns = await resolveQuerySnapshot(iot, { queryString, account: account.data })
          next = { target: target.target, targets: { kind: 'arns', arns } }
        } catch (error) {
          setOptionErrors({
            targets:
              error instanceof TooManyQueryTargetsError || error instanceof NoQueryTargetsError
                ? error.message
                : awsErrorMessage(error, 'find the things the query matches'),
          })
          return undefined
        }
      }
    }
    const arns =
      next.targets?.kind === 'arns'
        ? [...next.targets.arns]
        : [thingGroupArn(account.data, dynamicGroupNameFor('preview'))]
    const optionsInput = createJobOptionsInput(form.options, {
      targets: arns,
      account: account.data,
      username: input.username,
    })
    const errors = optionsStepErrors(form.options, optionsInput, merged, Date.now())
    setOptionErrors(errors)
    if (Object.keys(errors).length > 0) return undefined
    const nowMs = Date.now()
    if (
      input.operatorMode &&
      (currentUrl === undefined || currentUrl.expiresAtMs - nowMs < RESIGN_MARGIN_MS)
    ) {
      try {
        await input.signUrl(nowMs)
      } catch (error) {
        setOptionErrors({
          operatorUrlExpiryHours: awsErrorMessage(error, 'pre-sign the firmware URL'),
        })
        return undefined
      }
    }
    input.dispatch({ type: 'resolved', resolved: next })
    return next
  }

  const checkStep: StepCheck<ResolvedTarget | undefined> = async (index, target) => {
    if (index === 0) {
      const next = await checkTargetStep()
      return next === undefined ? { ok: false } : { ok: true, carried: next }
    }
    if (index === 1)
      return checkFirmwareStep(target) ? { ok: true, carried: target } : { ok: false }
    const next = await checkOptionsStep(target)
    return next === undefined ? { ok: false } : { ok: true, carried: next }
  }

  /** `onAdvance` runs only when every step up to the requested one passed. */
  async function navigateTo(requested: number, onAdvance: () => void) {
    const steps = stepsToCheck(step, requested)
    if (steps.length === 0) {
      setStep(requested)
      return
    }
    setChecking(true)
    try {
      const outcome = await runStepChecks(steps, input.session.resolved, checkStep)
      if (!outcome.passed) {
        setStep(outcome.failedStep)
        return
      }
      onAdvance()
      setStep(requested)
    } finally {
      setChecking(false)
    }
  }

  return { step, navigateTo, checking, targetError, firmwareError, optionErrors }
}
