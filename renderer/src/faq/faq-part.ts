/**
 * Which part of the FAQ screen to open next: "my work" opens an incident on its callbacks
 * (decision 033) rather than on the enquiry form. Taken once by the FAQ screen when it mounts.
 */
let requested: 'callbacks' | null = null;

export function requestFaqPart(part: 'callbacks'): void {
  requested = part;
}

export function takeRequestedFaqPart(): 'callbacks' | null {
  const part = requested;
  requested = null;
  return part;
}
