'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { datasetPath, datasetSections } from '../../lib/routes';

/** Tabs between a dataset's screens; the current one is marked for assistive technology too. */
export function DatasetNav({ datasetId }: { datasetId: string }) {
  const pathname = usePathname();
  const overview = datasetPath(datasetId);
  return (
    <nav aria-label="Dataset" className="dataset-nav">
      <ul>
        {datasetSections.map(({ section, title }) => {
          const href = datasetPath(datasetId, section);
          // The labeler belongs to the queue's tab.
          const current = section
            ? pathname.startsWith(href) || (section === 'queue' && pathname.startsWith(`${overview}/label/`))
            : pathname === href;
          return (
            <li key={section || 'overview'}>
              <Link href={href} aria-current={current ? 'page' : undefined} prefetch={false}>
                {title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
