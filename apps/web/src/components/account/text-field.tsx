'use client';

import { type ReactNode, type Ref, useId } from 'react';
import styles from './settings.module.css';

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value, said under the field and announced with it. */
  problem?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'date';
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
  min?: string;
  maxLength?: number;
  required?: boolean;
};

/** A labelled input with an optional hint and the problem with its value, both tied to it for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  problem,
  hint,
  type = 'text',
  autoComplete = 'off',
  inputRef,
  testId,
  min,
  maxLength,
  required,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
        min={min}
        maxLength={maxLength}
        required={required}
        spellCheck={false}
      />
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} className={styles.problem} data-testid="field-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
    </div>
  );
}
