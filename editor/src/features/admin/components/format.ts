import dayjs from 'dayjs';

/** An ISO 8601 instant as local date and time (2026-11-28 17:30); empty for null. */
export const dateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
