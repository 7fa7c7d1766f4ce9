import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import Link from '@cloudscape-design/components/link'
import { paths } from '@/config/paths.ts'
import { useFollowHref } from '@/lib/router-link.ts'

export function NotFoundPage() {
  const followHref = useFollowHref()
  return (
    <ContentLayout header={<Header variant="h1">Page not found</Header>}>
      <Link href={paths.home()} onFollow={followHref}>
        Go to the fleet
      </Link>
    </ContentLayout>
  )
}
