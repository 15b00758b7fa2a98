import { lazy, Suspense, type ReactNode } from "react";
import { Route } from "react-router";
import { NotFoundPage } from "../shell/NotFoundPage";
import { Loading } from "../ui/Spinner";
import { ExerciseLibraryPage } from "./exercises/ExerciseLibraryPage";
import { PastWorkoutPage } from "./history/PastWorkoutPage";
import { HistoryPage } from "./history/HistoryPage";
import { ImportExportPage } from "./import/ImportExportPage";
import { ProgramEditorPage } from "./programs/ProgramEditorPage";
import { ProgramsPage } from "./programs/ProgramsPage";
import { TrainingHomePage } from "./TrainingHomePage";
import { TrainingLayout } from "./TrainingLayout";
import { WorkoutLoggerPage } from "./workouts/WorkoutLoggerPage";

// The chart library is only needed by these two screens; it loads with them, not with the app.
const ProgressPage = lazy(() => import("./progress/ProgressPage").then((module) => ({ default: module.ProgressPage })));
const BodyWeightPage = lazy(() => import("./bodyweight/BodyWeightPage").then((module) => ({ default: module.BodyWeightPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading charts…" />}>{children}</Suspense>;
}

/** The training area's screens, for AppRoutes (inside RequireAuth). */
export function trainingRoutes() {
  return (
    <Route element={<TrainingLayout />}>
      <Route index element={<TrainingHomePage />} />
      <Route path="training">
        <Route index element={<TrainingHomePage />} />
        <Route path="programs" element={<ProgramsPage />} />
        <Route path="programs/new" element={<ProgramEditorPage />} />
        <Route path="programs/:programId" element={<ProgramEditorPage />} />
        <Route path="exercises" element={<ExerciseLibraryPage />} />
        <Route path="workouts/:workoutId" element={<WorkoutLoggerPage />} />
        <Route path="history" element={<HistoryPage />} />
        <Route path="history/:workoutId" element={<PastWorkoutPage />} />
        <Route
          path="progress"
          element={
            <Lazy>
              <ProgressPage />
            </Lazy>
          }
        />
        <Route
          path="body-weight"
          element={
            <Lazy>
              <BodyWeightPage />
            </Lazy>
          }
        />
        <Route path="import" element={<ImportExportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>
  );
}
