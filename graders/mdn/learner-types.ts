/**
 * What the Mixture density networks exercises' entries receive and return, as plain types: the generators
 * (graders/problems/mdn/) use them, course.ts re-exports them to learners, and the editor's `course` declarations
 * embed this file's source (src/runtime/course-declarations.ts), so it holds types only: no imports, no code.
 */
