import type { Metadata } from 'next';
import Link from 'next/link';
import { type ReactNode, Suspense } from 'react';
import { AccountMenu } from '../components/account-menu';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Loupe', template: '%s · Loupe' },
  description: 'Curate medical image datasets and label them with a model in the loop.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Loupe
          </Link>
          <span className="muted">medical image curation</span>
          <Suspense fallback={null}>
            <AccountMenu />
          </Suspense>
        </header>
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
