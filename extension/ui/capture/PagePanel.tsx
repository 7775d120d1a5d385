import { PageContent } from '../views.ts';
import { usePageContext } from './use-page-context.ts';

/**
 * The page beside the sidebar. This shell is part of the first paint so that it follows the tab events from
 * the start (loaded lazily, its first context raced them); what it shows (parsing with libphonenumber, the
 * match, the capture form, the call script) loads on the first page context, which most openings beside a
 * page without one never need.
 */
export function PagePanel() {
  const context = usePageContext();
  return context ? <PageContent context={context} /> : null;
}
