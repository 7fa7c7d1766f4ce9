import Alert from '@cloudscape-design/components/alert'
import Autosuggest from '@cloudscape-design/components/autosuggest'
import Button from '@cloudscape-design/components/button'
import Container from '@cloudscape-design/components/container'
import FileTokenGroup from '@cloudscape-design/components/file-token-group'
import FileUpload from '@cloudscape-design/components/file-upload'
import Form from '@cloudscape-design/components/form'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import ProgressBar from '@cloudscape-design/components/progress-bar'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Textarea from '@cloudscape-design/components/textarea'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { MAX_FIRMWARE_NOTES_LENGTH, validateFirmwareUpload } from '@domain/firmware-manifest.ts'
import { ValidationError, type ValidationIssue } from '@domain/validation.ts'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { paths } from '@/config/paths.ts'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import {
  FirmwareVersionConflictError,
  useUploadFirmware,
  type UploadFirmwareProgress,
} from '../api/upload-firmware.ts'
import { useModelNames } from '../hooks/use-model-names.ts'
import { formatBytes } from '../utils/format-bytes.ts'
import { uploadPercent, uploadPhaseText } from '../utils/upload-progress.ts'

export interface FirmwareUploadFormProps {
  readonly initialModel: string
  /** Recorded in the manifest as the uploader. */
  readonly uploadedBy: string
}

const FILE_UPLOAD_STRINGS = {
  uploadButtonText: () => 'Choose file',
  dropzoneText: () => 'Drop the image here',
  removeFileAriaLabel: () => 'Remove file',
  errorIconAriaLabel: 'Error',
  warningIconAriaLabel: 'Warning',
  formatFileSize: formatBytes,
}

const fieldMessage = (issues: readonly ValidationIssue[], path: string) =>
  issues.find((issue) => issue.path === path)?.message

/**
 * Model, version, notes and the image file, checked as they are typed (once
 * the operator has tried to upload) with the same rules the upload applies
 * before any AWS call. While the upload runs it shows hashing and upload
 * progress and can be cancelled; leaving the page cancels it too.
 */
export function FirmwareUploadForm({ initialModel, uploadedBy }: FirmwareUploadFormProps) {
  const navigate = useNavigate()
  const notify = useNotify()
  const models = useModelNames()
  const upload = useUploadFirmware()
  const [model, setModel] = useState(initialModel)
  const [version, setVersion] = useState('')
  const [notes, setNotes] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [isChecking, setIsChecking] = useState(false)
  const [progress, setProgress] = useState<UploadFirmwareProgress>()
  const [cancelled, setCancelled] = useState(false)
  const running = useRef<AbortController | undefined>(undefined)

  useEffect(() => {
    const current = running
    return () => current.current?.abort()
  }, [])

  const file = files[0]
  const validation = validateFirmwareUpload({ model, version, notes, size: file?.size })
  const issues = isChecking && !validation.ok ? validation.issues : []
  const error = upload.error
  const conflict = error instanceof FirmwareVersionConflictError ? error : undefined
  const isUploading = upload.isPending

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setIsChecking(true)
    if (!validation.ok || file === undefined || isUploading) return
    const controller = new AbortController()
    running.current = controller
    setCancelled(false)
    setProgress(undefined)
    upload.mutate(
      {
        input: { model, version, notes, file, uploadedBy },
        signal: controller.signal,
        onProgress: setProgress,
      },
      {
        onSuccess: (manifest) => {
          notify({
            type: 'success',
            header: `Published ${manifest.model} ${manifest.version}`,
            content: `${formatBytes(manifest.size)}, sha256 ${manifest.sha256}`,
          })
          void navigate(paths.firmware.catalog({ model: manifest.model }))
        },
        onError: () => setCancelled(controller.signal.aborted),
        onSettled: () => {
          if (running.current === controller) running.current = undefined
        },
      },
    )
  }

  const cancel = () => {
    if (isUploading) running.current?.abort()
    else void navigate(paths.firmware.catalog({ model: model === '' ? undefined : model }))
  }

  let formError: string | undefined
  if (error !== null && !cancelled) {
    formError =
      error instanceof ValidationError || conflict !== undefined
        ? error.message
        : awsErrorMessage(error, 'upload the firmware')
  }

  return (
    <form onSubmit={submit}>
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={cancel}>
              {isUploading ? 'Cancel upload' : 'Cancel'}
            </Button>
            <Button variant="primary" loading={isUploading} loadingText="Uploading">
              Upload
            </Button>
          </SpaceBetween>
        }
        errorText={formError}
        errorIconAriaLabel="Error"
      >
        <SpaceBetween size="l">
          <Container>
            <SpaceBetween size="l">
              <FormField
                label="Model"
                description="The thing type of the devices this image is for."
                errorText={fieldMessage(issues, 'model')}
              >
                <Autosuggest
                  value={model}
                  onChange={({ detail }) => setModel(detail.value)}
                  options={models.names.map((name) => ({ value: name }))}
                  enteredTextLabel={(value) => `Use "${value}"`}
                  placeholder="lamp-v2"
                  ariaLabel="Model"
                  empty="No models yet: type the thing type name"
                  statusType={models.isLoading ? 'loading' : 'finished'}
                  loadingText="Loading models"
                  disabled={isUploading}
                />
              </FormField>
              <FormField
                label="Version"
                description="Semantic version, such as 1.4.0 or 2.0.0-rc.1. A version can be published once."
                errorText={
                  fieldMessage(issues, 'version') ??
                  (conflict === undefined ? undefined : conflict.message)
                }
              >
                <Input
                  value={version}
                  onChange={({ detail }) => setVersion(detail.value)}
                  placeholder="1.4.0"
                  ariaLabel="Version"
                  disabled={isUploading}
                />
              </FormField>
              <FormField
                label="Notes"
                description="What changed, for the operators who roll it out."
                constraintText={`${[...notes].length} of ${MAX_FIRMWARE_NOTES_LENGTH} characters.`}
                errorText={fieldMessage(issues, 'notes')}
              >
                <Textarea
                  value={notes}
                  onChange={({ detail }) => setNotes(detail.value)}
                  ariaLabel="Notes"
                  rows={3}
                  disabled={isUploading}
                />
              </FormField>
              <FormField label="Image" description="The firmware file, at most 4 GiB.">
                {isUploading && file !== undefined ? (
                  // FileUpload has no disabled state: while the file is read, it is shown read-only
                  // (a file chosen or dropped now would not be the one being published).
                  <FileTokenGroup
                    items={[{ file, loading: true }]}
                    readOnly
                    onDismiss={() => undefined}
                    showFileSize
                    showFileLastModified
                    i18nStrings={FILE_UPLOAD_STRINGS}
                  />
                ) : (
                  <FileUpload
                    value={files}
                    onChange={({ detail }) => setFiles(detail.value)}
                    showFileSize
                    showFileLastModified
                    errorText={fieldMessage(issues, 'size')}
                    i18nStrings={FILE_UPLOAD_STRINGS}
                  />
                )}
              </FormField>
            </SpaceBetween>
          </Container>
          {isUploading ? (
            <ProgressBar
              label={`Uploading ${file?.name ?? 'the image'}`}
              value={progress === undefined ? 0 : uploadPercent(progress)}
              description={progress === undefined ? 'Starting…' : uploadPhaseText(progress)}
              status="in-progress"
            />
          ) : null}
          {cancelled ? (
            <Alert type="info" header="Upload cancelled">
              Nothing was published; upload the image again when you are ready.
            </Alert>
          ) : null}
        </SpaceBetween>
      </Form>
    </form>
  )
}
