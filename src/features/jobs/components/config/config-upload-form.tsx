import Button from '@cloudscape-design/components/button'
import Container from '@cloudscape-design/components/container'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { useState, type FormEvent } from 'react'
import { identifierProblem, THING_NAME_RULE } from '@domain/identifiers.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useCreateConfigUploadJob } from '../../api/create-config-upload-job.ts'
import {
  MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
  MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS,
} from '../../utils/config-upload-schedule.ts'
import { configJobErrorMessage } from './config-job-error-message.ts'
import { createdJobHeader } from '../../utils/created-job-header.ts'

export interface ConfigUploadFormProps {
  /** A thing name from the URL (`?thing=`), to start from. */
  readonly initialThingName: string
  /** Shows the upload's file once the job exists. */
  readonly onCreated: (key: string) => void
}

function expiryProblem(text: string): string | undefined {
  const seconds = Number(text)
  return Number.isInteger(seconds) &&
    seconds >= MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS &&
    seconds <= MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS
    ? undefined
    : `Enter whole seconds from ${MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS} to ${MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS}.`
}

/**
 * Asks one device for its configuration: a config-upload job with a PUT URL
 * signed by the operator. The job id and the signed URL are kept per
 * submission in sessionStorage (see useCreateConfigUploadJob) until the job
 * exists, so a double click, a retry or a reload never makes two jobs.
 */
export function ConfigUploadForm({ initialThingName, onCreated }: ConfigUploadFormProps) {
  const { username } = useSessionUser()
  const notify = useNotify()
  const upload = useCreateConfigUploadJob()
  const [thingName, setThingName] = useState(initialThingName)
  const [expiry, setExpiry] = useState(String(MAX_CONFIG_UPLOAD_URL_EXPIRY_SECONDS))
  const [checked, setChecked] = useState(false)
  const thingProblem = identifierProblem(THING_NAME_RULE, thingName.trim())
  const expiryIssue = expiryProblem(expiry)

  const edit = (apply: () => void) => {
    apply()
    upload.reset()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setChecked(true)
    if (thingProblem !== undefined || expiryIssue !== undefined || upload.isPending) return
    upload.mutate(
      {
        thingName: thingName.trim(),
        expiresInSeconds: Number(expiry),
        createdBy: username,
      },
      {
        onSuccess: (created) => {
          notify({
            type: 'success',
            header: createdJobHeader(created),
            content: `${thingName.trim()} uploads its configuration to ${created.key} when it runs the job.`,
          })
          onCreated(created.key)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} aria-label="Upload a device's configuration">
      <Form
        actions={
          <Button variant="primary" formAction="submit" loading={upload.isPending}>
            Create upload job
          </Button>
        }
        errorText={
          upload.isError ? (
            <InlineError message={configJobErrorMessage(upload.error, 'create the upload job')} />
          ) : undefined
        }
      >
        <Container
          header={
            <Header
              variant="h2"
              description="A config-upload job: the device PUTs its current configuration to a URL signed with your credentials, under uploads/<thing>/<job id>.json in the config bucket."
            >
              Upload a device’s configuration
            </Header>
          }
        >
          <SpaceBetween size="m">
            <FormField
              label="Thing"
              errorText={checked ? thingProblem : undefined}
              secondaryControl={
                thingProblem === undefined ? (
                  <RouterLink href={paths.fleet.thing(thingName.trim())}>Open thing</RouterLink>
                ) : undefined
              }
            >
              <Input
                value={thingName}
                placeholder="lamp-0001"
                onChange={({ detail }) => edit(() => setThingName(detail.value))}
              />
            </FormField>
            <FormField
              label="URL expiry (seconds)"
              description={`The device must upload before then: the job ends, and is canceled, when the URL expires. At least ${MIN_CONFIG_UPLOAD_URL_EXPIRY_SECONDS / 60} minutes, since AWS wants a job's end time at least 30 minutes ahead. At most an hour: a URL signed with your temporary credentials stops working when they expire.`}
              errorText={checked ? expiryIssue : undefined}
            >
              <Input
                value={expiry}
                type="number"
                inputMode="numeric"
                onChange={({ detail }) => edit(() => setExpiry(detail.value))}
              />
            </FormField>
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  )
}
