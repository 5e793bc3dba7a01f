'use client';

import { useId } from 'react';
import { type NewPasswordProblems, PASSWORD_MIN_LENGTH, type PasswordChoice } from '../../lib/passwords';
import styles from '../account/settings.module.css';
import { TextField } from '../account/text-field';

type PasswordChoiceFieldsProps = {
  choice: PasswordChoice;
  onChange: (choice: PasswordChoice) => void;
  problems: NewPasswordProblems;
  /** Whose password it is, for the legend ("Password for Ada"). */
  legend: string;
};

/** Generate a password in this browser (shown once afterwards), or type one twice. */
export function PasswordChoiceFields({ choice, onChange, problems, legend }: PasswordChoiceFieldsProps) {
  const name = useId();
  return (
    <fieldset className={styles.choice}>
      <legend className={styles.legend}>{legend}</legend>
      <label>
        <input
          type="radio"
          name={name}
          value="GENERATE"
          checked={choice.mode === 'GENERATE'}
          onChange={() => onChange({ ...choice, mode: 'GENERATE' })}
        />
        Generate one in this browser (shown to you once, to hand over)
      </label>
      <label>
        <input
          type="radio"
          name={name}
          value="TYPE"
          checked={choice.mode === 'TYPE'}
          onChange={() => onChange({ ...choice, mode: 'TYPE' })}
        />
        Type one
      </label>
      {choice.mode === 'TYPE' && (
        <div className={styles.fields}>
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            value={choice.password}
            onChange={(password) => onChange({ ...choice, password })}
            problem={problems.password}
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          />
          <TextField
            label="Repeat the password"
            type="password"
            autoComplete="new-password"
            value={choice.repeat}
            onChange={(repeat) => onChange({ ...choice, repeat })}
            problem={problems.repeat}
          />
        </div>
      )}
    </fieldset>
  );
}
