/**
 * Who is staff: the `staff` lists in the municipalities' content. Read on every
 * request, so removing someone from content signs them out everywhere at once.
 */
import type { StaffMember } from "../../../src/shared/municipality";
import type { Municipalities, Municipality } from "../../content/municipalities";

/** A signed-in staff member and the one municipality they work for. */
export interface SignedIn extends StaffMember {
  municipality: Municipality;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function findStaff(directory: Municipalities, email: string): SignedIn | null {
  const wanted = normaliseEmail(email);
  for (const municipality of directory.all()) {
    const member = municipality.staff.find((s) => normaliseEmail(s.email) === wanted);
    if (member) return { ...member, municipality };
  }
  return null;
}

/** The staff of the same municipality, for "assign to". */
export const colleagues = (me: SignedIn): readonly StaffMember[] => me.municipality.staff;

export const isManager = (me: SignedIn): boolean => me.role === "manager";
