/** Where each training screen lives; the home of a signed-in person is the training area itself. */
export const trainingPaths = {
  home: "/",
  programs: "/training/programs",
  newProgram: "/training/programs/new",
  program: (programId: string) => `/training/programs/${encodeURIComponent(programId)}`,
  exercises: "/training/exercises",
  workout: (workoutId: string) => `/training/workouts/${encodeURIComponent(workoutId)}`,
  history: "/training/history",
  pastWorkout: (workoutId: string) => `/training/history/${encodeURIComponent(workoutId)}`,
  progress: "/training/progress",
  bodyWeight: "/training/body-weight",
  importExport: "/training/import",
} as const;

export function isTrainingPath(pathname: string): boolean {
  return pathname === "/" || pathname === "/training" || pathname.startsWith("/training/");
}
