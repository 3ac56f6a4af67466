"""The authoring feature's SQL, by name. Parameters are named after the columns they fill."""

# --- components -------------------------------------------------------------------------------

GET_COMPONENT = """
SELECT id, slug, title, component_type, domain, subdomain, description, content, difficulty_level, estimated_minutes,
prerequisites, comptia_objectives, sort_order, exam_code, is_published, published_at, author_id, view_count,
completion_count, created_at, updated_at, deleted_at
FROM learning_components WHERE id = %(id)s
"""
LIST_COMPONENTS = """
SELECT count(*) OVER () AS total, id, slug, title, component_type, domain, difficulty_level, exam_code,
       is_published, published_at, author_id, created_at, updated_at, deleted_at
FROM learning_components
WHERE (%(state)s::text IS NULL AND deleted_at IS NULL
       OR %(state)s = 'draft' AND deleted_at IS NULL AND NOT is_published
       OR %(state)s = 'published' AND deleted_at IS NULL AND is_published
       OR %(state)s = 'deleted' AND deleted_at IS NOT NULL)
  AND (%(domain)s::text IS NULL OR domain = %(domain)s)
  AND (%(component_type)s::text IS NULL OR component_type = %(component_type)s)
  AND (%(pattern)s::text IS NULL OR title ILIKE %(pattern)s OR slug ILIKE %(pattern)s)
ORDER BY domain, sort_order, slug
LIMIT %(limit)s OFFSET %(offset)s
"""
INSERT_COMPONENT = """
INSERT INTO learning_components (slug, title, component_type, domain, subdomain, description, content,
    difficulty_level, estimated_minutes, prerequisites, comptia_objectives, sort_order, exam_code, author_id)
VALUES (%(slug)s, %(title)s, %(component_type)s, %(domain)s, %(subdomain)s, %(description)s, %(content)s,
    %(difficulty_level)s, %(estimated_minutes)s, %(prerequisites)s, %(comptia_objectives)s, %(sort_order)s,
    %(exam_code)s, %(author_id)s)
RETURNING id
"""
UPDATE_COMPONENT = """
UPDATE learning_components SET slug = %(slug)s, title = %(title)s, component_type = %(component_type)s,
    domain = %(domain)s, subdomain = %(subdomain)s, description = %(description)s, content = %(content)s,
    difficulty_level = %(difficulty_level)s, estimated_minutes = %(estimated_minutes)s,
    prerequisites = %(prerequisites)s, comptia_objectives = %(comptia_objectives)s, sort_order = %(sort_order)s,
    exam_code = %(exam_code)s
WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
# Prerequisites the database would accept but a learner could never finish: deleted components.
# (Unknown ids are the deferred trigger's to refuse.)
DELETED_AMONG_COMPONENTS = """
SELECT id FROM learning_components WHERE id = ANY(%(ids)s) AND deleted_at IS NOT NULL ORDER BY id
"""
# published_at means "published since": set on publishing, cleared on unpublishing.
PUBLISH_COMPONENT = """
UPDATE learning_components SET is_published = true, published_at = now()
WHERE id = %(id)s AND deleted_at IS NULL RETURNING id
"""
UNPUBLISH_COMPONENT = """
UPDATE learning_components SET is_published = false, published_at = NULL
WHERE id = %(id)s AND deleted_at IS NULL RETURNING id
"""
DELETE_COMPONENT = """
UPDATE learning_components SET deleted_at = now(), is_published = false, published_at = NULL
WHERE id = %(id)s AND deleted_at IS NULL RETURNING id
"""
RESTORE_COMPONENT = """
UPDATE learning_components SET deleted_at = NULL WHERE id = %(id)s AND deleted_at IS NOT NULL RETURNING id
"""
# Live components that list this one as a prerequisite: deleting it would strand them.
COMPONENTS_REQUIRING = """
SELECT slug FROM learning_components WHERE %(id)s = ANY(prerequisites) AND deleted_at IS NULL ORDER BY slug
"""

# --- questions --------------------------------------------------------------------------------

# `key` is the question's own id (content/FORMAT.md), kept in the tag `source:<key>` by the loader.
GET_QUESTION = """
SELECT id, (SELECT substr(t, 8) FROM unnest(tags) t WHERE t LIKE 'source:%%' LIMIT 1) AS key, question_type,
question_text, question_data, correct_answer, explanation, hints, points, difficulty_level, domain,
comptia_objectives, exam_code, is_published, author_id, usage_count, correct_count, incorrect_count, created_at,
updated_at, deleted_at
FROM question_bank WHERE id = %(id)s
"""
LIST_QUESTIONS = """
SELECT count(*) OVER () AS total, id,
       (SELECT substr(t, 8) FROM unnest(tags) t WHERE t LIKE 'source:%%' LIMIT 1) AS key, question_type,
       question_text, difficulty_level, domain, comptia_objectives, points, exam_code, is_published, author_id,
       created_at, updated_at, deleted_at
FROM question_bank
WHERE (%(state)s::text IS NULL AND deleted_at IS NULL
       OR %(state)s = 'draft' AND deleted_at IS NULL AND NOT is_published
       OR %(state)s = 'published' AND deleted_at IS NULL AND is_published
       OR %(state)s = 'deleted' AND deleted_at IS NOT NULL)
  AND (%(domain)s::text IS NULL OR domain = %(domain)s)
  AND (%(question_type)s::text IS NULL OR question_type = %(question_type)s)
  AND (%(objective)s::text IS NULL OR %(objective)s = ANY(comptia_objectives))
  AND (%(pattern)s::text IS NULL OR question_text ILIKE %(pattern)s)
ORDER BY domain, comptia_objectives, created_at, id
LIMIT %(limit)s OFFSET %(offset)s
"""
INSERT_QUESTION = """
INSERT INTO question_bank (id, question_type, question_text, question_data, correct_answer, explanation, hints,
    points, difficulty_level, domain, comptia_objectives, tags, exam_code, author_id)
VALUES (%(id)s, %(question_type)s, %(question_text)s, %(question_data)s, %(correct_answer)s, %(explanation)s,
    %(hints)s, %(points)s, %(difficulty_level)s, %(domain)s, %(comptia_objectives)s, %(tags)s, %(exam_code)s,
    %(author_id)s)
RETURNING id
"""
# The exam and the tags stay as they are: a question does not move between exams.
UPDATE_QUESTION = """
UPDATE question_bank SET question_type = %(question_type)s, question_text = %(question_text)s,
    question_data = %(question_data)s, correct_answer = %(correct_answer)s, explanation = %(explanation)s,
    hints = %(hints)s, points = %(points)s, difficulty_level = %(difficulty_level)s, domain = %(domain)s,
    comptia_objectives = %(comptia_objectives)s
WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
PUBLISH_QUESTION = """
UPDATE question_bank SET is_published = true WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
UNPUBLISH_QUESTION = """
UPDATE question_bank SET is_published = false WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
DELETE_QUESTION = """
UPDATE question_bank SET deleted_at = now(), is_published = false WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
RESTORE_QUESTION = """
UPDATE question_bank SET deleted_at = NULL WHERE id = %(id)s AND deleted_at IS NOT NULL RETURNING id
"""
# Live assessments listing the question; `published_only` narrows to the ones learners can take.
ASSESSMENTS_USING = """
SELECT slug FROM assessments
WHERE question_ids @> ARRAY[%(id)s]::uuid[] AND deleted_at IS NULL AND (is_published OR NOT %(published_only)s)
ORDER BY slug
"""
# An assessment's questions that a learner could not be shown: unknown, deleted or unpublished.
UNPUBLISHED_AMONG_QUESTIONS = """
SELECT q.id FROM unnest(%(ids)s::uuid[]) WITH ORDINALITY AS q(id, n)
WHERE NOT EXISTS (SELECT 1 FROM question_bank b WHERE b.id = q.id AND b.is_published AND b.deleted_at IS NULL)
ORDER BY q.n
"""

# --- assessments ------------------------------------------------------------------------------

GET_ASSESSMENT = """
SELECT id, slug, title, description, assessment_type, component_id, time_limit_minutes, passing_score, question_ids,
randomize_questions, randomize_answers, show_answers_after, allow_review, max_attempts, exam_code, is_published,
author_id, created_at, updated_at, deleted_at
FROM assessments WHERE id = %(id)s
"""
LIST_ASSESSMENTS = """
SELECT count(*) OVER () AS total, id, slug, title, assessment_type, cardinality(question_ids) AS question_count,
       exam_code, is_published, author_id, created_at, updated_at, deleted_at
FROM assessments
WHERE (%(state)s::text IS NULL AND deleted_at IS NULL
       OR %(state)s = 'draft' AND deleted_at IS NULL AND NOT is_published
       OR %(state)s = 'published' AND deleted_at IS NULL AND is_published
       OR %(state)s = 'deleted' AND deleted_at IS NOT NULL)
  AND (%(assessment_type)s::text IS NULL OR assessment_type = %(assessment_type)s)
  AND (%(pattern)s::text IS NULL OR title ILIKE %(pattern)s OR slug ILIKE %(pattern)s)
ORDER BY assessment_type, slug
LIMIT %(limit)s OFFSET %(offset)s
"""
INSERT_ASSESSMENT = """
INSERT INTO assessments (slug, title, description, assessment_type, component_id, time_limit_minutes,
    passing_score, question_ids, randomize_questions, randomize_answers, show_answers_after, allow_review,
    max_attempts, exam_code, author_id)
VALUES (%(slug)s, %(title)s, %(description)s, %(assessment_type)s, %(component_id)s, %(time_limit_minutes)s,
    %(passing_score)s, %(question_ids)s, %(randomize_questions)s, %(randomize_answers)s, %(show_answers_after)s,
    %(allow_review)s, %(max_attempts)s, %(exam_code)s, %(author_id)s)
RETURNING id
"""
UPDATE_ASSESSMENT = """
UPDATE assessments SET slug = %(slug)s, title = %(title)s, description = %(description)s,
    assessment_type = %(assessment_type)s, component_id = %(component_id)s,
    time_limit_minutes = %(time_limit_minutes)s, passing_score = %(passing_score)s, question_ids = %(question_ids)s,
    randomize_questions = %(randomize_questions)s, randomize_answers = %(randomize_answers)s,
    show_answers_after = %(show_answers_after)s, allow_review = %(allow_review)s, max_attempts = %(max_attempts)s,
    exam_code = %(exam_code)s
WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id, is_published
"""
PUBLISH_ASSESSMENT = """
UPDATE assessments SET is_published = true WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
UNPUBLISH_ASSESSMENT = """
UPDATE assessments SET is_published = false WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
DELETE_ASSESSMENT = """
UPDATE assessments SET deleted_at = now(), is_published = false WHERE id = %(id)s AND deleted_at IS NULL
RETURNING id
"""
RESTORE_ASSESSMENT = """
UPDATE assessments SET deleted_at = NULL WHERE id = %(id)s AND deleted_at IS NOT NULL RETURNING id
"""

# --- locks for a change of state: is_published, deleted_at and a label for the activity log ---------

LOCK_COMPONENT = """
SELECT is_published, deleted_at, slug AS label FROM learning_components WHERE id = %(id)s FOR UPDATE
"""
LOCK_QUESTION = """
SELECT is_published, deleted_at,
       coalesce((SELECT substr(t, 8) FROM unnest(tags) t WHERE t LIKE 'source:%%' LIMIT 1), id::text) AS label
FROM question_bank WHERE id = %(id)s FOR UPDATE
"""
LOCK_ASSESSMENT = "SELECT is_published, deleted_at, slug AS label FROM assessments WHERE id = %(id)s FOR UPDATE"

# --- what the instructor's pages show besides single rows -----------------------------------------

# Rows per kind and state (deleted rows apart), for the overview.
STATE_COUNTS = """
SELECT kind, count(*) FILTER (WHERE deleted_at IS NULL AND NOT is_published)::integer AS draft,
       count(*) FILTER (WHERE deleted_at IS NULL AND is_published)::integer AS published,
       count(*) FILTER (WHERE deleted_at IS NOT NULL)::integer AS deleted
FROM (SELECT 'component' AS kind, is_published, deleted_at FROM learning_components
      UNION ALL SELECT 'question', is_published, deleted_at FROM question_bank
      UNION ALL SELECT 'assessment', is_published, deleted_at FROM assessments) t
GROUP BY kind
"""
# The latest edited rows of the three kinds (the activity log is the admins' to read in full).
RECENT_CHANGES = """
SELECT * FROM (
  SELECT 'component' AS kind, id, title AS label, is_published, deleted_at, updated_at FROM learning_components
  UNION ALL
  SELECT 'question', id, left(question_text, 120), is_published, deleted_at, updated_at FROM question_bank
  UNION ALL
  SELECT 'assessment', id, title, is_published, deleted_at, updated_at FROM assessments
) t ORDER BY updated_at DESC, id LIMIT %(limit)s
"""
# Summaries of given questions in the order given (an assessment's chosen list), whatever their state.
QUESTIONS_BY_IDS = """
SELECT b.id, (SELECT substr(t, 8) FROM unnest(b.tags) t WHERE t LIKE 'source:%%' LIMIT 1) AS key, b.question_type,
       b.question_text, b.difficulty_level, b.domain, b.comptia_objectives, b.points, b.exam_code, b.is_published,
       b.author_id, b.created_at, b.updated_at, b.deleted_at
FROM unnest(%(ids)s::uuid[]) WITH ORDINALITY AS q(id, n) JOIN question_bank b ON b.id = q.id
ORDER BY q.n
"""
# Live components, for the prerequisite and "presented by" pickers.
COMPONENT_CHOICES = """
SELECT id, slug, title, component_type, domain FROM learning_components
WHERE deleted_at IS NULL AND exam_code = %(exam_code)s
ORDER BY domain, sort_order, slug
"""
