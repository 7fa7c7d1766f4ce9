import Button from '@cloudscape-design/components/button'
import Checkbox from '@cloudscape-design/components/checkbox'
import Container from '@cloudscape-design/components/container'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import SegmentedControl from '@cloudscape-design/components/segmented-control'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Textarea from '@cloudscape-design/components/textarea'
import { useState, type FormEvent } from 'react'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useCreateConfigDownloadJob } from '../../api/create-config-download-job.ts'
import type { NamedJobTarget } from '../../api/resolve-job-targets.ts'
import { checkTarget } from '../../utils/job-target.ts'
import { configJobErrorMessage } from './config-job-error-message.ts'
import { createdJobHeader } from '../../utils/created-job-header.ts'

type Kind = NamedJobTarget['kind']

export interface ConfigPropagateFormProps {
  readonly configKey: string
  readonly onCreated: (jobId: string) => void
}

/**
 * Pushes the file on screen to things or a group: a config-download job
 * whose document carries the file's SHA-256 (computed in the browser from
 * the bytes) and an IoT pre-signed URL placeholder. The job id is kept per
 * submission in sessionStorage (see useCreateConfigDownloadJob), as in the
 * upload form.
 */
export function ConfigPropagateForm({ configKey, onCreated }: ConfigPropagateFormProps) {
  const { username } = useSessionUser()
  const notify = useNotify()
  const download = useCreateConfigDownloadJob()
  const [kind, setKind] = useState<Kind>('group')
  const [name, setName] = useState('')
  const [names, setNames] = useState('')
  const [continuous, setContinuous] = useState(false)
  const [checked, setChecked] = useState(false)
  const check = checkTarget(kind, { name, names, query: '' })

  const edit = (apply: () => void) => {
    apply()
    download.reset()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setChecked(true)
    if (!check.ok || download.isPending || check.target.kind === 'query') return
    download.mutate(
      {
        key: configKey,
        target: check.target,
        targetSelection: kind === 'group' && continuous ? 'CONTINUOUS' : 'SNAPSHOT',
        createdBy: username,
      },
      {
        onSuccess: (created) => {
          notify({
            type: 'success',
            header: createdJobHeader(created),
            content: `Devices download ${configKey} and check its SHA-256 before applying it.`,
          })
          onCreated(created.jobId)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} aria-label="Propagate this configuration">
      <Form
        actions={
          <Button variant="primary" formAction="submit" loading={download.isPending}>
            Create download job
          </Button>
        }
        errorText={
          download.isError ? (
            <InlineError
              message={configJobErrorMessage(download.error, 'create the download job')}
            />
          ) : undefined
        }
      >
        <Container
          header={
            <Header
              variant="h2"
              description="A config-download job: each device downloads this file through a URL AWS IoT signs for it, checks the SHA-256 and applies it."
            >
              Propagate this configuration
            </Header>
          }
        >
          <SpaceBetween size="m">
            <SegmentedControl
              label="Target"
              selectedId={kind}
              options={[
                { id: 'group', text: 'Thing group' },
                { id: 'thing', text: 'One thing' },
                { id: 'things', text: 'Several things' },
              ]}
              onChange={({ detail }) => edit(() => setKind(detail.selectedId as Kind))}
            />
            {kind === 'things' ? (
              <FormField
                label="Thing names"
                description="One per line, or separated by commas or spaces; at most 100."
                errorText={checked && !check.ok ? check.message : undefined}
              >
                <Textarea
                  value={names}
                  rows={4}
                  onChange={({ detail }) => edit(() => setNames(detail.value))}
                />
              </FormField>
            ) : (
              <FormField
                label={kind === 'group' ? 'Thing group name' : 'Thing name'}
                errorText={checked && !check.ok ? check.message : undefined}
              >
                <Input
                  value={name}
                  placeholder={kind === 'group' ? 'site-oslo' : 'lamp-0002'}
                  onChange={({ detail }) => edit(() => setName(detail.value))}
                />
              </FormField>
            )}
            {kind === 'group' ? (
              <Checkbox
                checked={continuous}
                description="Devices added to the group later get this configuration too."
                onChange={({ detail }) => edit(() => setContinuous(detail.checked))}
              >
                Continuous
              </Checkbox>
            ) : null}
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  )
}
