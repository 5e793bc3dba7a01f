'use client';

import type { KeyboardEvent, RefObject } from 'react';
import { exclusionReasons, MAX_EXCLUSION_REASON_LENGTH, OTHER_REASON } from '../lib/exclusions';
import styles from './exclusion-reason-fields.module.css';

/** The quick reasons, then "Other": what the digits 1–5 pick, in order. */
export const exclusionChoices: readonly string[] = [...exclusionReasons, OTHER_REASON];

type ExclusionReasonFieldsProps = {
  /** The radio group's name (unique on the page). */
  name: string;
  choice: string;
  details: string;
  onChoice: (choice: string) => void;
  onDetails: (details: string) => void;
  firstRef: RefObject<HTMLInputElement | null>;
  detailsRef: RefObject<HTMLInputElement | null>;
  /** The id of the error shown beside the fields, while there is one. */
  describedBy?: string | undefined;
};

/**
 * Why images are left out: the common reasons as radio choices (each with its digit), and a text field for
 * details, or for a reason of one's own with "Other". `exclusionReason` (lib/exclusions) turns both into
 * the reason the API is sent. Typing details with nothing chosen chooses "Other".
 */
export function ExclusionReasonFields({
  name,
  choice,
  details,
  onChoice,
  onDetails,
  firstRef,
  detailsRef,
  describedBy,
}: ExclusionReasonFieldsProps) {
  return (
    <>
      {exclusionChoices.map((value, index) => (
        <label key={value} className={styles.reasonChoice}>
          <input
            ref={index === 0 ? firstRef : undefined}
            type="radio"
            name={name}
            value={value}
            checked={choice === value}
            onChange={() => onChoice(value)}
          />
          <kbd className="key-cap">{index + 1}</kbd>
          <span>{value === OTHER_REASON ? 'Other (type it below)' : value}</span>
        </label>
      ))}
      <label className={styles.reasonDetails}>
        <span>{choice === OTHER_REASON ? 'Reason' : 'Details (optional)'}</span>
        <input
          ref={detailsRef}
          type="text"
          value={details}
          maxLength={MAX_EXCLUSION_REASON_LENGTH}
          onChange={(event) => {
            onDetails(event.target.value);
            if (!choice && event.target.value.trim()) onChoice(OTHER_REASON);
          }}
          aria-describedby={describedBy}
          data-testid="exclusion-details"
        />
      </label>
    </>
  );
}

/**
 * A digit typed in a form holding the fields (outside the details field, without Ctrl, ⌘ or Alt) chooses
 * that reason and focuses it ("Other" focuses the details field). Returns whether the key was used.
 */
export function chooseReasonByKey(
  event: KeyboardEvent<HTMLElement>,
  detailsRef: RefObject<HTMLInputElement | null>,
  onChoice: (choice: string) => void,
): boolean {
  if (event.target === detailsRef.current || event.ctrlKey || event.metaKey || event.altKey) return false;
  const number = Number(event.key);
  const chosen = Number.isInteger(number) && number >= 1 ? exclusionChoices[number - 1] : undefined;
  if (!chosen) return false;
  event.preventDefault();
  onChoice(chosen);
  if (chosen === OTHER_REASON) detailsRef.current?.focus();
  else
    event.currentTarget
      .querySelector<HTMLInputElement>(`input[type="radio"][value="${CSS.escape(chosen)}"]`)
      ?.focus();
  return true;
}
