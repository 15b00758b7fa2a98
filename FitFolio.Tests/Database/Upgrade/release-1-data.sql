-- A database as release 1 (tag release-1: migrations 001-014) left it: a verified person with a passkey, sessions,
-- an API key, recovery codes, a program, a finished workout with sets, body weight, an import, a pending email
-- change, audit events, outbox mail, a lockout row and Orleans grain state. Frozen like the migrations it fits:
-- never edit it; a later release adds a file of its own. Every value is a literal, so the test can compare it after
-- the upgrade. The catalog's exercises come from migration 007 itself.
insert into users (id, email, email_verified_at, email_sign_in_enabled, is_admin, created_at, code_failures, passkey_failures,
                   webauthn_user_handle, version)
values ('00000000-0000-4000-8000-000000000001', 'ada@example.com', '2026-11-01 09:00:00+00', false, true, '2026-11-01 08:59:00+00', 2, 1,
        '\x0102030405060708', 7),
       ('00000000-0000-4000-8000-000000000002', 'unverified@example.com', null, true, false, '2026-12-05 10:00:00+00', 0, 0, null, 1);

insert into magic_links (id, user_id, purpose, token_hash, code_salt, code_hash, code_attempts, created_at, expires_at, requested_ip)
values ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000002', 'verify_email', '\xaa01', '\xbb01', '\xcc01', 1,
        '2026-12-05 10:00:00+00', '2026-12-05 10:15:00+00', '192.0.2.10');

insert into sessions (id, user_id, secret_hash, created_at, last_seen_at, rotated_at, expires_at, ip, user_agent, revoked_at, revoke_reason,
                      authenticated_at, authenticated_with)
values ('00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000001', '\xdd01', '2026-12-01 08:00:00+00',
        '2026-12-05 18:00:00+00', '2026-12-05 12:00:00+00', '2026-12-31 08:00:00+00', '192.0.2.11', 'Firefox on Linux', null, null,
        '2026-12-05 12:00:00+00', 'passkey'),
       ('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000001', '\xdd02', '2026-11-20 08:00:00+00',
        '2026-11-21 08:00:00+00', '2026-11-20 08:00:00+00', '2026-12-20 08:00:00+00', '2001:db8::1', 'Safari on iPhone',
        '2026-11-22 08:00:00+00', 'signed_out', '2026-11-20 08:00:00+00', 'magic_link');

insert into login_events (occurred_at, user_id, event_type, ip, user_agent, request_id, details)
values ('2026-12-01 08:00:00+00', '00000000-0000-4000-8000-000000000001', 'sign_in', '192.0.2.11', 'Firefox on Linux', 'r-1',
        '{"method": "magic_link"}'),
       ('2026-12-02 08:00:00+00', '00000000-0000-4000-8000-000000000001', 'passkey_registered', '192.0.2.11', 'Firefox on Linux', 'r-2',
        '{"passkey": "00000000-0000-4000-8000-000000000301"}');

insert into passkeys (id, user_id, credential_id, public_key_cose, algorithm, sign_count, transports, backup_eligible, backed_up, aaguid,
                      attestation_format, created_at, last_used_at, name)
values ('00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000001', '\x0a0b0c0d', '\xa501020326', -7, 42,
        '{internal,hybrid}', true, true, '00000000-0000-0000-0000-000000000000', 'none', '2026-12-02 08:00:00+00',
        '2026-12-05 18:00:00+00', 'Laptop');

insert into api_keys (id, user_id, public_id, secret_hash, name, scopes, created_at, expires_at, last_used_at, last_used_ip, use_audited_at)
values ('00000000-0000-4000-8000-000000000401', '00000000-0000-4000-8000-000000000001', 'AbCdEfGh12', '\xee01', 'Spreadsheet',
        '{training:read}', '2026-12-03 08:00:00+00', '2027-03-03 08:00:00+00', '2026-12-05 07:00:00+00', '192.0.2.12',
        '2026-12-05 07:00:00+00');

insert into known_devices (user_id, device_hash, first_seen_at, last_seen_at)
values ('00000000-0000-4000-8000-000000000001', '\xff01', '2026-12-01 08:00:00+00', '2026-12-05 18:00:00+00');

insert into email_changes (id, user_id, new_email, token_hash, created_at, expires_at, requested_ip)
values ('00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000001', 'ada@new.example', '\xab01',
        '2026-12-05 17:00:00+00', '2026-12-06 17:00:00+00', '192.0.2.11');

insert into recovery_codes (id, user_id, digest, created_at, used_at)
values ('00000000-0000-4000-8000-000000000601', '00000000-0000-4000-8000-000000000001', '\xac01', '2026-12-02 08:05:00+00', null),
       ('00000000-0000-4000-8000-000000000602', '00000000-0000-4000-8000-000000000001', '\xac02', '2026-12-02 08:05:00+00',
        '2026-12-04 08:00:00+00');

insert into email_code_lockouts (email, failures, locked_until, lockouts, updated_at)
values ('mallory@example.com', 3, '2026-12-06 09:00:00+00', 1, '2026-12-06 08:45:00+00');

insert into recovery_code_lockouts (email, failures, locked_until, lockouts, updated_at)
values ('ada@example.com', 1, null, 0, '2026-12-04 07:59:00+00');

insert into exercises (id, user_id, name, category, primary_muscles, secondary_muscles, equipment, kind, created_at)
values ('00000000-0000-4000-8000-000000000701', '00000000-0000-4000-8000-000000000001', 'Sled push', 'legs', '{quadriceps}',
        '{glutes}', 'machine', 'distance', '2026-12-01 09:00:00+00');

insert into programs (id, user_id, name, notes, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000801', '00000000-0000-4000-8000-000000000001', 'Five by five', 'Add 2.5 kg a session',
        '2026-12-01 09:00:00+00', '2026-12-01 09:10:00+00');
insert into program_days (id, program_id, user_id, position, name)
values ('00000000-0000-4000-8000-000000000811', '00000000-0000-4000-8000-000000000801', '00000000-0000-4000-8000-000000000001', 0, 'A');
insert into program_exercises (id, day_id, user_id, position, exercise_id, target_sets, reps_min, reps_max, target_weight, weight_unit,
                               rest_seconds)
values ('00000000-0000-4000-8000-000000000821', '00000000-0000-4000-8000-000000000811', '00000000-0000-4000-8000-000000000001', 0,
        '25d826c0-9f17-ad8a-a4c3-fca925e83f75', 5, 5, 5, 80.0, 'kg', 180);

insert into workouts (id, user_id, name, notes, status, program_id, program_day_id, started_at, ended_at, source, import_key, created_at)
values ('00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000000001', 'Five by five A', null, 'finished',
        '00000000-0000-4000-8000-000000000801', '00000000-0000-4000-8000-000000000811', '2026-12-04 17:00:00+00',
        '2026-12-04 18:00:00+00', 'app', null, '2026-12-04 17:00:00+00'),
       ('00000000-0000-4000-8000-000000000902', '00000000-0000-4000-8000-000000000001', 'Imported from Strong', null, 'finished', null, null,
        '2021-03-01 17:00:00+00', '2021-03-01 18:00:00+00', 'strong', 'strong:2021-03-01 17:00:00:Evening', '2026-12-03 09:00:00+00');
insert into workout_exercises (id, workout_id, user_id, position, exercise_id, skipped, notes, has_target, target_sets, reps_min,
                               reps_max, target_weight, weight_unit, rest_seconds)
values ('00000000-0000-4000-8000-000000000911', '00000000-0000-4000-8000-000000000901', '00000000-0000-4000-8000-000000000001', 0,
        '25d826c0-9f17-ad8a-a4c3-fca925e83f75', false, 'Felt strong', true, 5, 5, 5, 80.0, 'kg', 180),
       ('00000000-0000-4000-8000-000000000912', '00000000-0000-4000-8000-000000000902', '00000000-0000-4000-8000-000000000001', 0,
        '00000000-0000-4000-8000-000000000701', false, null, false, null, null, null, null, null, null);
insert into workout_sets (id, user_id, workout_id, workout_exercise_id, exercise_id, position, set_type, reps, weight, weight_unit,
                          weight_kg, duration_seconds, distance_m, rpe, rir, notes, completed_at, records, created_at)
values ('00000000-0000-4000-8000-000000000921', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000901',
        '00000000-0000-4000-8000-000000000911', '25d826c0-9f17-ad8a-a4c3-fca925e83f75', 0, 'warmup', 5, 40.0, 'kg', 40.0, null, null,
        null, null, null, '2026-12-04 17:05:00+00', '{}', '2026-12-04 17:05:00+00'),
       ('00000000-0000-4000-8000-000000000922', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000901',
        '00000000-0000-4000-8000-000000000911', '25d826c0-9f17-ad8a-a4c3-fca925e83f75', 1, 'working', 5, 176.5, 'lb', 80.058, null,
        null, 8.5, 1, 'Paused', '2026-12-04 17:10:00+00', '{heaviest_weight,best_e1rm}', '2026-12-04 17:10:00+00'),
       ('00000000-0000-4000-8000-000000000923', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000902',
        '00000000-0000-4000-8000-000000000912', '00000000-0000-4000-8000-000000000701', 0, 'working', null, null, null, null, 95, 20.5,
        null, null, null, '2021-03-01 17:30:00+00', '{}', '2026-12-03 09:00:00+00');

insert into body_weights (user_id, day, weight, unit, weight_kg, notes)
values ('00000000-0000-4000-8000-000000000001', '2026-12-05', 81.4, 'kg', 81.4, 'Morning');

insert into mail_outbox (id, purpose, to_address, subject, text_body, html_body, created_at, expires_at, attempts, next_attempt_at)
values ('00000000-0000-4000-8000-000000000a01', 'sign-in', 'unverified@example.com', 'Your sign-in link', 'Link: …', '<p>Link</p>',
        '2026-12-05 10:00:00+00', '2026-12-05 10:15:00+00', 1, '2026-12-05 10:01:00+00');

insert into orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_ext, grain_id_hash, grain_type_hash, payload,
                                 version, modified_at)
values ('fitfolio', 'preferences', 1234567, 7654321, 'preferences/00000000000040008000000000000001', 99, 42, '\x7b7d', 3,
        '2026-12-05 18:00:00+00');
