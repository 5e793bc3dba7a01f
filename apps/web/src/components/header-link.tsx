'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A link of the site header, marked as the current page where it leads to the page shown (or below it). */
export function HeaderLink({ href, children, testId }: { href: string; children: string; testId?: string }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} prefetch={false} aria-current={current ? 'page' : undefined} data-testid={testId}>
      {children}
    </Link>
  );
}
