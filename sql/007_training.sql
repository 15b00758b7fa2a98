-- The training log: the exercise catalogue and people's custom exercises, programs, workouts,
-- sets and the body-weight log. Every row a person owns references users (id) on delete cascade,
-- so deleting an account deletes its training history in the same statement.
-- Records are not stored as a table: they are derived from sets (each set keeps the record types
-- it set when it was logged, for history), so they can never disagree with the sets themselves.

create table exercises (
  id                uuid        primary key,
  slug              text        unique,               -- built-in exercises only; stable across servers
  user_id           uuid        references users (id) on delete cascade, -- null: the built-in catalogue
  name              text        not null,
  category          text        not null,
  primary_muscles   text[]      not null,
  secondary_muscles text[]      not null default '{}',
  equipment         text        not null,
  kind              text        not null check (kind in ('weight_reps', 'bodyweight', 'assisted', 'time', 'distance')),
  created_at        timestamptz not null default now(),
  check ((user_id is null) = (slug is not null))
);
create unique index exercises_builtin_name_key on exercises (lower(name)) where user_id is null;
create unique index exercises_custom_name_key on exercises (user_id, lower(name)) where user_id is not null;

create table programs (
  id          uuid        primary key,
  user_id     uuid        not null references users (id) on delete cascade,
  name        text        not null,
  notes       text,
  archived_at timestamptz,
  created_at  timestamptz not null,
  updated_at  timestamptz not null
);
create index programs_user_idx on programs (user_id, updated_at desc);

create table program_days (
  id         uuid not null primary key,
  program_id uuid not null references programs (id) on delete cascade,
  user_id    uuid not null references users (id) on delete cascade,
  position   int  not null,
  name       text not null
);
create index program_days_program_idx on program_days (program_id, position);

create table program_exercises (
  id             uuid         primary key,
  day_id         uuid         not null references program_days (id) on delete cascade,
  user_id        uuid         not null references users (id) on delete cascade,
  position       int          not null,
  exercise_id    uuid         not null references exercises (id),
  superset_group int,
  target_sets    int,
  reps_min       int,
  reps_max       int,
  target_weight  numeric(7,2),
  weight_unit    text         check (weight_unit in ('kg', 'lb')),
  target_rpe     numeric(3,1),
  target_rir     int,
  rest_seconds   int,
  notes          text
);
create index program_exercises_day_idx on program_exercises (day_id, position);
create index program_exercises_exercise_idx on program_exercises (exercise_id);

create table workouts (
  id             uuid        primary key,
  user_id        uuid        not null references users (id) on delete cascade,
  name           text        not null,
  notes          text,
  status         text        not null check (status in ('in_progress', 'finished', 'abandoned')),
  program_id     uuid        references programs (id) on delete set null,
  program_day_id uuid        references program_days (id) on delete set null,
  started_at     timestamptz not null,
  ended_at       timestamptz,
  source         text        not null default 'app' check (source in ('app', 'strong', 'hevy')),
  -- Imported workouts: app + start time + title, so importing a file twice adds nothing.
  import_key     text,
  created_at     timestamptz not null default now()
);
create index workouts_user_idx on workouts (user_id, started_at desc, id desc);
create unique index workouts_one_in_progress on workouts (user_id) where status = 'in_progress';
create unique index workouts_import_key on workouts (user_id, import_key) where import_key is not null;

create table workout_exercises (
  id             uuid         primary key,
  workout_id     uuid         not null references workouts (id) on delete cascade,
  user_id        uuid         not null references users (id) on delete cascade,
  position       int          not null,
  exercise_id    uuid         not null references exercises (id),
  superset_group int,
  skipped        boolean      not null default false,
  notes          text,
  has_target     boolean      not null default false,
  target_sets    int,
  reps_min       int,
  reps_max       int,
  target_weight  numeric(7,2),
  weight_unit    text,
  target_rpe     numeric(3,1),
  target_rir     int,
  rest_seconds   int
);
create index workout_exercises_workout_idx on workout_exercises (workout_id, position);
create index workout_exercises_exercise_idx on workout_exercises (exercise_id);

create table workout_sets (
  -- The client generates the id, which makes logging idempotent: a retried request finds its row.
  id                  uuid         primary key,
  user_id             uuid         not null references users (id) on delete cascade,
  workout_id          uuid         not null references workouts (id) on delete cascade,
  workout_exercise_id uuid         not null references workout_exercises (id) on delete cascade,
  exercise_id         uuid         not null references exercises (id),
  position            int          not null,
  set_type            text         not null check (set_type in ('warmup', 'working', 'drop', 'failure')),
  reps                int,
  weight              numeric(7,2),                  -- as entered, in weight_unit
  weight_unit         text         check (weight_unit in ('kg', 'lb')),
  weight_kg           numeric(10,4),                 -- normalised, for comparisons and records
  duration_seconds    int,
  distance_m          numeric(10,2),
  rpe                 numeric(3,1),
  rir                 int,
  notes               text,
  completed_at        timestamptz  not null,
  records             text[]       not null default '{}',
  created_at          timestamptz  not null default now()
);
create index workout_sets_exercise_idx on workout_sets (user_id, exercise_id);
create index workout_sets_workout_exercise_idx on workout_sets (workout_exercise_id, position);

create table body_weights (
  user_id   uuid         not null references users (id) on delete cascade,
  day       date         not null,
  weight    numeric(6,2) not null,
  unit      text         not null check (unit in ('kg', 'lb')),
  weight_kg numeric(9,4) not null,
  notes     text,
  primary key (user_id, day)
);

-- The built-in catalogue. Ids derive from the slug, so every server (and every test database)
-- gives an exercise the same id.
insert into exercises (id, slug, name, category, primary_muscles, secondary_muscles, equipment, kind)
select md5('fitfolio-exercise:' || slug)::uuid, slug, name, category, primary_muscles::text[], secondary_muscles::text[], equipment, kind
from (values
  ('bench-press-barbell', 'Bench Press (Barbell)', 'chest', '{chest}', '{front_delts,triceps}', 'barbell', 'weight_reps'),
  ('bench-press-dumbbell', 'Bench Press (Dumbbell)', 'chest', '{chest}', '{front_delts,triceps}', 'dumbbell', 'weight_reps'),
  ('bench-press-smith-machine', 'Bench Press (Smith Machine)', 'chest', '{chest}', '{front_delts,triceps}', 'smith_machine', 'weight_reps'),
  ('incline-bench-press-barbell', 'Incline Bench Press (Barbell)', 'chest', '{chest}', '{front_delts,triceps}', 'barbell', 'weight_reps'),
  ('incline-bench-press-dumbbell', 'Incline Bench Press (Dumbbell)', 'chest', '{chest}', '{front_delts,triceps}', 'dumbbell', 'weight_reps'),
  ('decline-bench-press-barbell', 'Decline Bench Press (Barbell)', 'chest', '{chest}', '{triceps,front_delts}', 'barbell', 'weight_reps'),
  ('chest-press-machine', 'Chest Press (Machine)', 'chest', '{chest}', '{front_delts,triceps}', 'machine', 'weight_reps'),
  ('chest-fly-dumbbell', 'Chest Fly (Dumbbell)', 'chest', '{chest}', '{front_delts}', 'dumbbell', 'weight_reps'),
  ('incline-chest-fly-dumbbell', 'Incline Chest Fly (Dumbbell)', 'chest', '{chest}', '{front_delts}', 'dumbbell', 'weight_reps'),
  ('chest-fly-machine', 'Chest Fly (Machine)', 'chest', '{chest}', '{front_delts}', 'machine', 'weight_reps'),
  ('cable-crossover', 'Cable Crossover', 'chest', '{chest}', '{front_delts}', 'cable', 'weight_reps'),
  ('push-up', 'Push Up', 'chest', '{chest}', '{triceps,front_delts}', 'bodyweight', 'bodyweight'),
  ('chest-dip', 'Chest Dip', 'chest', '{chest}', '{triceps,front_delts}', 'bodyweight', 'bodyweight'),
  ('dip-assisted', 'Dip (Assisted)', 'chest', '{chest,triceps}', '{front_delts}', 'machine', 'assisted'),
  ('deadlift-barbell', 'Deadlift (Barbell)', 'back', '{hamstrings,glutes,lower_back}', '{quads,traps,forearms}', 'barbell', 'weight_reps'),
  ('deadlift-trap-bar', 'Deadlift (Trap Bar)', 'legs', '{quads,glutes,hamstrings}', '{lower_back,traps}', 'trap_bar', 'weight_reps'),
  ('sumo-deadlift-barbell', 'Sumo Deadlift (Barbell)', 'legs', '{glutes,quads,hamstrings}', '{adductors,lower_back}', 'barbell', 'weight_reps'),
  ('romanian-deadlift-barbell', 'Romanian Deadlift (Barbell)', 'legs', '{hamstrings,glutes}', '{lower_back}', 'barbell', 'weight_reps'),
  ('romanian-deadlift-dumbbell', 'Romanian Deadlift (Dumbbell)', 'legs', '{hamstrings,glutes}', '{lower_back}', 'dumbbell', 'weight_reps'),
  ('rack-pull-barbell', 'Rack Pull (Barbell)', 'back', '{lower_back,traps,glutes}', '{hamstrings,forearms}', 'barbell', 'weight_reps'),
  ('good-morning-barbell', 'Good Morning (Barbell)', 'legs', '{hamstrings,lower_back}', '{glutes}', 'barbell', 'weight_reps'),
  ('pull-up', 'Pull Up', 'back', '{lats}', '{biceps,upper_back}', 'bodyweight', 'bodyweight'),
  ('chin-up', 'Chin Up', 'back', '{lats,biceps}', '{upper_back}', 'bodyweight', 'bodyweight'),
  ('pull-up-assisted', 'Pull Up (Assisted)', 'back', '{lats}', '{biceps,upper_back}', 'machine', 'assisted'),
  ('chin-up-assisted', 'Chin Up (Assisted)', 'back', '{lats,biceps}', '{upper_back}', 'machine', 'assisted'),
  ('lat-pulldown-cable', 'Lat Pulldown (Cable)', 'back', '{lats}', '{biceps,upper_back}', 'cable', 'weight_reps'),
  ('lat-pulldown-close-grip-cable', 'Lat Pulldown - Close Grip (Cable)', 'back', '{lats}', '{biceps,upper_back}', 'cable', 'weight_reps'),
  ('straight-arm-pulldown-cable', 'Straight Arm Pulldown (Cable)', 'back', '{lats}', '{rear_delts}', 'cable', 'weight_reps'),
  ('bent-over-row-barbell', 'Bent Over Row (Barbell)', 'back', '{upper_back,lats}', '{biceps,rear_delts,lower_back}', 'barbell', 'weight_reps'),
  ('pendlay-row-barbell', 'Pendlay Row (Barbell)', 'back', '{upper_back,lats}', '{biceps,rear_delts,lower_back}', 'barbell', 'weight_reps'),
  ('bent-over-one-arm-row-dumbbell', 'Bent Over One Arm Row (Dumbbell)', 'back', '{lats,upper_back}', '{biceps,rear_delts}', 'dumbbell', 'weight_reps'),
  ('incline-row-dumbbell', 'Incline Row (Dumbbell)', 'back', '{upper_back,lats}', '{biceps,rear_delts}', 'dumbbell', 'weight_reps'),
  ('t-bar-row', 'T Bar Row', 'back', '{upper_back,lats}', '{biceps,rear_delts,lower_back}', 'barbell', 'weight_reps'),
  ('seated-row-cable', 'Seated Row (Cable)', 'back', '{upper_back,lats}', '{biceps,rear_delts}', 'cable', 'weight_reps'),
  ('seated-row-machine', 'Seated Row (Machine)', 'back', '{upper_back,lats}', '{biceps,rear_delts}', 'machine', 'weight_reps'),
  ('inverted-row', 'Inverted Row', 'back', '{upper_back,lats}', '{biceps,rear_delts}', 'bodyweight', 'bodyweight'),
  ('shrug-barbell', 'Shrug (Barbell)', 'back', '{traps}', '{forearms}', 'barbell', 'weight_reps'),
  ('shrug-dumbbell', 'Shrug (Dumbbell)', 'back', '{traps}', '{forearms}', 'dumbbell', 'weight_reps'),
  ('back-extension', 'Back Extension', 'back', '{lower_back}', '{glutes,hamstrings}', 'bodyweight', 'bodyweight'),
  ('overhead-press-barbell', 'Overhead Press (Barbell)', 'shoulders', '{front_delts}', '{triceps,side_delts}', 'barbell', 'weight_reps'),
  ('overhead-press-dumbbell', 'Overhead Press (Dumbbell)', 'shoulders', '{front_delts}', '{triceps,side_delts}', 'dumbbell', 'weight_reps'),
  ('seated-overhead-press-dumbbell', 'Seated Overhead Press (Dumbbell)', 'shoulders', '{front_delts}', '{triceps,side_delts}', 'dumbbell', 'weight_reps'),
  ('shoulder-press-machine', 'Shoulder Press (Machine)', 'shoulders', '{front_delts}', '{triceps,side_delts}', 'machine', 'weight_reps'),
  ('arnold-press-dumbbell', 'Arnold Press (Dumbbell)', 'shoulders', '{front_delts,side_delts}', '{triceps}', 'dumbbell', 'weight_reps'),
  ('push-press-barbell', 'Push Press (Barbell)', 'shoulders', '{front_delts}', '{triceps,quads}', 'barbell', 'weight_reps'),
  ('lateral-raise-dumbbell', 'Lateral Raise (Dumbbell)', 'shoulders', '{side_delts}', '{traps}', 'dumbbell', 'weight_reps'),
  ('lateral-raise-cable', 'Lateral Raise (Cable)', 'shoulders', '{side_delts}', '{traps}', 'cable', 'weight_reps'),
  ('lateral-raise-machine', 'Lateral Raise (Machine)', 'shoulders', '{side_delts}', '{traps}', 'machine', 'weight_reps'),
  ('front-raise-dumbbell', 'Front Raise (Dumbbell)', 'shoulders', '{front_delts}', '{side_delts}', 'dumbbell', 'weight_reps'),
  ('reverse-fly-dumbbell', 'Reverse Fly (Dumbbell)', 'shoulders', '{rear_delts}', '{upper_back}', 'dumbbell', 'weight_reps'),
  ('reverse-fly-machine', 'Reverse Fly (Machine)', 'shoulders', '{rear_delts}', '{upper_back}', 'machine', 'weight_reps'),
  ('face-pull-cable', 'Face Pull (Cable)', 'shoulders', '{rear_delts}', '{upper_back,traps}', 'cable', 'weight_reps'),
  ('upright-row-barbell', 'Upright Row (Barbell)', 'shoulders', '{side_delts,traps}', '{biceps}', 'barbell', 'weight_reps'),
  ('handstand-push-up', 'Handstand Push Up', 'shoulders', '{front_delts}', '{triceps,side_delts}', 'bodyweight', 'bodyweight'),
  ('bicep-curl-barbell', 'Bicep Curl (Barbell)', 'arms', '{biceps}', '{forearms}', 'barbell', 'weight_reps'),
  ('bicep-curl-dumbbell', 'Bicep Curl (Dumbbell)', 'arms', '{biceps}', '{forearms}', 'dumbbell', 'weight_reps'),
  ('bicep-curl-cable', 'Bicep Curl (Cable)', 'arms', '{biceps}', '{forearms}', 'cable', 'weight_reps'),
  ('bicep-curl-ez-bar', 'Bicep Curl (EZ Bar)', 'arms', '{biceps}', '{forearms}', 'ez_bar', 'weight_reps'),
  ('hammer-curl-dumbbell', 'Hammer Curl (Dumbbell)', 'arms', '{biceps,forearms}', '{}', 'dumbbell', 'weight_reps'),
  ('preacher-curl-ez-bar', 'Preacher Curl (EZ Bar)', 'arms', '{biceps}', '{forearms}', 'ez_bar', 'weight_reps'),
  ('preacher-curl-machine', 'Preacher Curl (Machine)', 'arms', '{biceps}', '{forearms}', 'machine', 'weight_reps'),
  ('concentration-curl-dumbbell', 'Concentration Curl (Dumbbell)', 'arms', '{biceps}', '{}', 'dumbbell', 'weight_reps'),
  ('incline-curl-dumbbell', 'Incline Curl (Dumbbell)', 'arms', '{biceps}', '{forearms}', 'dumbbell', 'weight_reps'),
  ('reverse-curl-barbell', 'Reverse Curl (Barbell)', 'arms', '{forearms,biceps}', '{}', 'barbell', 'weight_reps'),
  ('wrist-curl-barbell', 'Wrist Curl (Barbell)', 'arms', '{forearms}', '{}', 'barbell', 'weight_reps'),
  ('triceps-pushdown-cable', 'Triceps Pushdown (Cable)', 'arms', '{triceps}', '{}', 'cable', 'weight_reps'),
  ('triceps-rope-pushdown-cable', 'Triceps Rope Pushdown (Cable)', 'arms', '{triceps}', '{}', 'cable', 'weight_reps'),
  ('overhead-triceps-extension-dumbbell', 'Overhead Triceps Extension (Dumbbell)', 'arms', '{triceps}', '{}', 'dumbbell', 'weight_reps'),
  ('overhead-triceps-extension-cable', 'Overhead Triceps Extension (Cable)', 'arms', '{triceps}', '{}', 'cable', 'weight_reps'),
  ('skullcrusher-barbell', 'Skullcrusher (Barbell)', 'arms', '{triceps}', '{}', 'ez_bar', 'weight_reps'),
  ('triceps-kickback-dumbbell', 'Triceps Kickback (Dumbbell)', 'arms', '{triceps}', '{}', 'dumbbell', 'weight_reps'),
  ('close-grip-bench-press-barbell', 'Close Grip Bench Press (Barbell)', 'arms', '{triceps}', '{chest,front_delts}', 'barbell', 'weight_reps'),
  ('triceps-dip', 'Triceps Dip', 'arms', '{triceps}', '{chest,front_delts}', 'bodyweight', 'bodyweight'),
  ('bench-dip', 'Bench Dip', 'arms', '{triceps}', '{front_delts}', 'bodyweight', 'bodyweight'),
  ('squat-barbell', 'Squat (Barbell)', 'legs', '{quads,glutes}', '{hamstrings,adductors,lower_back}', 'barbell', 'weight_reps'),
  ('front-squat-barbell', 'Front Squat (Barbell)', 'legs', '{quads}', '{glutes,abs,upper_back}', 'barbell', 'weight_reps'),
  ('squat-smith-machine', 'Squat (Smith Machine)', 'legs', '{quads,glutes}', '{hamstrings}', 'smith_machine', 'weight_reps'),
  ('goblet-squat-kettlebell', 'Goblet Squat (Kettlebell)', 'legs', '{quads,glutes}', '{abs,adductors}', 'kettlebell', 'weight_reps'),
  ('hack-squat-machine', 'Hack Squat (Machine)', 'legs', '{quads}', '{glutes}', 'machine', 'weight_reps'),
  ('leg-press-machine', 'Leg Press (Machine)', 'legs', '{quads,glutes}', '{hamstrings,adductors}', 'machine', 'weight_reps'),
  ('bulgarian-split-squat-dumbbell', 'Bulgarian Split Squat (Dumbbell)', 'legs', '{quads,glutes}', '{hamstrings,adductors}', 'dumbbell', 'weight_reps'),
  ('lunge-dumbbell', 'Lunge (Dumbbell)', 'legs', '{quads,glutes}', '{hamstrings,adductors}', 'dumbbell', 'weight_reps'),
  ('lunge-barbell', 'Lunge (Barbell)', 'legs', '{quads,glutes}', '{hamstrings,adductors}', 'barbell', 'weight_reps'),
  ('walking-lunge-dumbbell', 'Walking Lunge (Dumbbell)', 'legs', '{quads,glutes}', '{hamstrings,adductors}', 'dumbbell', 'weight_reps'),
  ('step-up-dumbbell', 'Step Up (Dumbbell)', 'legs', '{quads,glutes}', '{hamstrings}', 'dumbbell', 'weight_reps'),
  ('leg-extension-machine', 'Leg Extension (Machine)', 'legs', '{quads}', '{}', 'machine', 'weight_reps'),
  ('lying-leg-curl-machine', 'Lying Leg Curl (Machine)', 'legs', '{hamstrings}', '{calves}', 'machine', 'weight_reps'),
  ('seated-leg-curl-machine', 'Seated Leg Curl (Machine)', 'legs', '{hamstrings}', '{}', 'machine', 'weight_reps'),
  ('nordic-hamstring-curl', 'Nordic Hamstring Curl', 'legs', '{hamstrings}', '{glutes}', 'bodyweight', 'bodyweight'),
  ('hip-thrust-barbell', 'Hip Thrust (Barbell)', 'legs', '{glutes}', '{hamstrings,quads}', 'barbell', 'weight_reps'),
  ('glute-bridge', 'Glute Bridge', 'legs', '{glutes}', '{hamstrings}', 'bodyweight', 'bodyweight'),
  ('cable-pull-through', 'Cable Pull Through', 'legs', '{glutes}', '{hamstrings,lower_back}', 'cable', 'weight_reps'),
  ('hip-adductor-machine', 'Hip Adductor (Machine)', 'legs', '{adductors}', '{}', 'machine', 'weight_reps'),
  ('hip-abductor-machine', 'Hip Abductor (Machine)', 'legs', '{abductors}', '{glutes}', 'machine', 'weight_reps'),
  ('standing-calf-raise-machine', 'Standing Calf Raise (Machine)', 'legs', '{calves}', '{}', 'machine', 'weight_reps'),
  ('seated-calf-raise-machine', 'Seated Calf Raise (Machine)', 'legs', '{calves}', '{}', 'machine', 'weight_reps'),
  ('calf-raise', 'Calf Raise', 'legs', '{calves}', '{}', 'bodyweight', 'bodyweight'),
  ('air-squat', 'Air Squat', 'legs', '{quads,glutes}', '{hamstrings}', 'bodyweight', 'bodyweight'),
  ('pistol-squat', 'Pistol Squat', 'legs', '{quads,glutes}', '{hamstrings,abs}', 'bodyweight', 'bodyweight'),
  ('box-jump', 'Box Jump', 'legs', '{quads,glutes}', '{calves,hamstrings}', 'other', 'bodyweight'),
  ('plank', 'Plank', 'core', '{abs}', '{obliques,front_delts}', 'bodyweight', 'time'),
  ('side-plank', 'Side Plank', 'core', '{obliques}', '{abs}', 'bodyweight', 'time'),
  ('hollow-body-hold', 'Hollow Body Hold', 'core', '{abs}', '{obliques}', 'bodyweight', 'time'),
  ('crunch', 'Crunch', 'core', '{abs}', '{obliques}', 'bodyweight', 'bodyweight'),
  ('sit-up', 'Sit Up', 'core', '{abs}', '{obliques}', 'bodyweight', 'bodyweight'),
  ('hanging-leg-raise', 'Hanging Leg Raise', 'core', '{abs}', '{obliques,forearms}', 'bodyweight', 'bodyweight'),
  ('cable-crunch', 'Cable Crunch', 'core', '{abs}', '{obliques}', 'cable', 'weight_reps'),
  ('russian-twist', 'Russian Twist', 'core', '{obliques}', '{abs}', 'bodyweight', 'bodyweight'),
  ('ab-wheel-rollout', 'Ab Wheel Rollout', 'core', '{abs}', '{lats,obliques}', 'other', 'bodyweight'),
  ('dead-bug', 'Dead Bug', 'core', '{abs}', '{obliques}', 'bodyweight', 'bodyweight'),
  ('pallof-press-cable', 'Pallof Press (Cable)', 'core', '{obliques}', '{abs}', 'cable', 'weight_reps'),
  ('mountain-climber', 'Mountain Climber', 'core', '{abs}', '{front_delts,quads}', 'bodyweight', 'time'),
  ('power-clean-barbell', 'Power Clean (Barbell)', 'full_body', '{quads,glutes,traps}', '{hamstrings,upper_back,front_delts}', 'barbell', 'weight_reps'),
  ('clean-and-jerk-barbell', 'Clean and Jerk (Barbell)', 'full_body', '{quads,glutes,front_delts}', '{hamstrings,traps,triceps}', 'barbell', 'weight_reps'),
  ('snatch-barbell', 'Snatch (Barbell)', 'full_body', '{quads,glutes,traps}', '{hamstrings,front_delts,upper_back}', 'barbell', 'weight_reps'),
  ('thruster-barbell', 'Thruster (Barbell)', 'full_body', '{quads,front_delts}', '{glutes,triceps}', 'barbell', 'weight_reps'),
  ('kettlebell-swing', 'Kettlebell Swing', 'full_body', '{glutes,hamstrings}', '{lower_back,front_delts}', 'kettlebell', 'weight_reps'),
  ('turkish-get-up-kettlebell', 'Turkish Get Up (Kettlebell)', 'full_body', '{front_delts,abs}', '{glutes,obliques}', 'kettlebell', 'weight_reps'),
  ('burpee', 'Burpee', 'full_body', '{quads,chest}', '{triceps,front_delts,abs}', 'bodyweight', 'bodyweight'),
  ('farmers-walk', 'Farmer''s Walk', 'full_body', '{forearms,traps}', '{abs,quads}', 'dumbbell', 'distance'),
  ('sled-push', 'Sled Push', 'full_body', '{quads,glutes}', '{calves}', 'other', 'distance'),
  ('running', 'Running', 'cardio', '{cardio}', '{quads,hamstrings,calves}', 'bodyweight', 'distance'),
  ('running-treadmill', 'Running (Treadmill)', 'cardio', '{cardio}', '{quads,hamstrings,calves}', 'machine', 'distance'),
  ('walking', 'Walking', 'cardio', '{cardio}', '{calves}', 'bodyweight', 'distance'),
  ('cycling', 'Cycling', 'cardio', '{cardio}', '{quads}', 'other', 'distance'),
  ('cycling-stationary', 'Cycling (Stationary)', 'cardio', '{cardio}', '{quads}', 'machine', 'distance'),
  ('rowing-machine', 'Rowing (Machine)', 'cardio', '{cardio}', '{upper_back,lats,quads}', 'machine', 'distance'),
  ('ski-erg', 'Ski Erg', 'cardio', '{cardio}', '{lats,triceps}', 'machine', 'distance'),
  ('swimming', 'Swimming', 'cardio', '{cardio}', '{lats,front_delts}', 'bodyweight', 'distance'),
  ('elliptical-trainer', 'Elliptical Trainer', 'cardio', '{cardio}', '{quads}', 'machine', 'time'),
  ('stair-climber', 'Stair Climber', 'cardio', '{cardio}', '{quads,glutes,calves}', 'machine', 'time'),
  ('jump-rope', 'Jump Rope', 'cardio', '{cardio}', '{calves}', 'other', 'time'),
  ('battle-ropes', 'Battle Ropes', 'cardio', '{cardio}', '{front_delts}', 'other', 'time')
) as catalogue (slug, name, category, primary_muscles, secondary_muscles, equipment, kind);
