-- 0005: the exam as versioned reference data (exam, domains, weights, objectives), an exam_code on
-- content, objective codes validated against the reference, and the 100-900 score scale.
-- The rows below are facts of the published exams; content/<exam>/exam.yaml states the same and a
-- test keeps the two equal. Objective topics are loaded with the content (`netplus content load`).

CREATE TABLE exam_versions (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]+-[0-9]{3}$'),
    name             text NOT NULL,
    question_count   integer NOT NULL CHECK (question_count > 0),
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    scale_min        integer NOT NULL,
    scale_max        integer NOT NULL,
    passing_score    integer NOT NULL,
    launched_on      date,
    is_current       boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT exam_versions_scale CHECK (scale_min < passing_score AND passing_score <= scale_max)
);
CREATE UNIQUE INDEX exam_versions_one_current_idx ON exam_versions (is_current) WHERE is_current;

CREATE TABLE exam_domains (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    exam_code  text NOT NULL REFERENCES exam_versions (code) ON UPDATE CASCADE ON DELETE CASCADE,
    code       text NOT NULL CHECK (code ~ '^[1-9]\.0$'),
    name       text NOT NULL,
    weight     numeric(5, 2) NOT NULL CHECK (weight > 0 AND weight <= 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (exam_code, code)
);

CREATE TABLE exam_objectives (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    exam_code   text NOT NULL,
    domain_code text NOT NULL,
    code        text NOT NULL CHECK (code ~ '^[1-9]\.[0-9]+$'),
    title       text NOT NULL,
    topics      text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (exam_code, code),
    FOREIGN KEY (exam_code, domain_code) REFERENCES exam_domains (exam_code, code)
        ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT exam_objectives_in_domain CHECK (split_part(code, '.', 1) = split_part(domain_code, '.', 1))
);
CREATE INDEX exam_objectives_domain_idx ON exam_objectives (exam_code, domain_code);

CREATE TRIGGER exam_versions_set_updated_at BEFORE UPDATE ON exam_versions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER exam_domains_set_updated_at BEFORE UPDATE ON exam_domains
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER exam_objectives_set_updated_at BEFORE UPDATE ON exam_objectives
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

INSERT INTO exam_versions (code, name, question_count, duration_minutes, scale_min, scale_max, passing_score,
                           launched_on, is_current) VALUES
    ('N10-009', 'CompTIA Network+', 90, 90, 100, 900, 720, '2024-06-20', true),
    ('N10-008', 'CompTIA Network+', 90, 90, 100, 900, 720, '2021-09-15', false);

INSERT INTO exam_domains (exam_code, code, name, weight) VALUES
    ('N10-009', '1.0', 'Networking Concepts', 23),
    ('N10-009', '2.0', 'Network Implementation', 20),
    ('N10-009', '3.0', 'Network Operations', 19),
    ('N10-009', '4.0', 'Network Security', 14),
    ('N10-009', '5.0', 'Network Troubleshooting', 24),
    ('N10-008', '1.0', 'Networking Fundamentals', 24),
    ('N10-008', '2.0', 'Network Implementations', 19),
    ('N10-008', '3.0', 'Network Operations', 16),
    ('N10-008', '4.0', 'Network Security', 19),
    ('N10-008', '5.0', 'Network Troubleshooting', 22);

INSERT INTO exam_objectives (exam_code, domain_code, code, title) VALUES
    ('N10-009', '1.0', '1.1', 'Explain concepts related to the Open Systems Interconnection (OSI) reference model'),
    ('N10-009', '1.0', '1.2', 'Compare and contrast networking appliances, applications, and functions'),
    ('N10-009', '1.0', '1.3', 'Summarize cloud concepts and connectivity options'),
    ('N10-009', '1.0', '1.4', 'Explain common networking ports, protocols, services, and traffic types'),
    ('N10-009', '1.0', '1.5', 'Compare and contrast transmission media and transceivers'),
    ('N10-009', '1.0', '1.6', 'Compare and contrast network topologies, architectures, and types'),
    ('N10-009', '1.0', '1.7', 'Given a scenario, use appropriate IPv4 network addressing'),
    ('N10-009', '1.0', '1.8', 'Summarize evolving use cases for modern network environments'),
    ('N10-009', '2.0', '2.1', 'Explain characteristics of routing technologies'),
    ('N10-009', '2.0', '2.2', 'Given a scenario, configure switching technologies and features'),
    ('N10-009', '2.0', '2.3', 'Given a scenario, select and configure wireless devices and technologies'),
    ('N10-009', '2.0', '2.4', 'Explain important factors of physical installations'),
    ('N10-009', '3.0', '3.1', 'Explain the purpose of organizational processes and procedures'),
    ('N10-009', '3.0', '3.2', 'Given a scenario, use network monitoring technologies'),
    ('N10-009', '3.0', '3.3', 'Explain disaster recovery (DR) concepts'),
    ('N10-009', '3.0', '3.4', 'Given a scenario, implement IPv4 and IPv6 network services'),
    ('N10-009', '3.0', '3.5', 'Compare and contrast network access and management methods'),
    ('N10-009', '4.0', '4.1', 'Explain the importance of basic network security concepts'),
    ('N10-009', '4.0', '4.2', 'Summarize various types of attacks and their impact to the network'),
    ('N10-009', '4.0', '4.3', 'Given a scenario, apply network security features, defense techniques, and solutions'),
    ('N10-009', '5.0', '5.1', 'Explain the troubleshooting methodology'),
    ('N10-009', '5.0', '5.2', 'Given a scenario, troubleshoot common cabling and physical interface issues'),
    ('N10-009', '5.0', '5.3', 'Given a scenario, troubleshoot common issues with network services'),
    ('N10-009', '5.0', '5.4', 'Given a scenario, troubleshoot common performance issues'),
    ('N10-009', '5.0', '5.5', 'Given a scenario, use the appropriate tool or protocol to solve networking issues'),
    ('N10-008', '1.0', '1.1', 'Compare and contrast the Open Systems Interconnection (OSI) model layers and encapsulation concepts'),
    ('N10-008', '1.0', '1.2', 'Explain the characteristics of network topologies and network types'),
    ('N10-008', '1.0', '1.3', 'Summarize the types of cables and connectors and explain which is the appropriate type for a solution'),
    ('N10-008', '1.0', '1.4', 'Given a scenario, configure a subnet and use appropriate IP addressing schemes'),
    ('N10-008', '1.0', '1.5', 'Explain common ports and protocols, their application, and encrypted alternatives'),
    ('N10-008', '1.0', '1.6', 'Explain the use and purpose of network services'),
    ('N10-008', '1.0', '1.7', 'Explain basic corporate and datacenter network architecture'),
    ('N10-008', '1.0', '1.8', 'Summarize cloud concepts and connectivity options'),
    ('N10-008', '2.0', '2.1', 'Compare and contrast various devices, their features, and their appropriate placement on the network'),
    ('N10-008', '2.0', '2.2', 'Compare and contrast routing technologies and bandwidth management concepts'),
    ('N10-008', '2.0', '2.3', 'Given a scenario, configure and deploy common Ethernet switching features'),
    ('N10-008', '2.0', '2.4', 'Given a scenario, install and configure the appropriate wireless standards and technologies'),
    ('N10-008', '3.0', '3.1', 'Given a scenario, use the appropriate statistics and sensors to ensure network availability'),
    ('N10-008', '3.0', '3.2', 'Explain the purpose of organizational documents and policies'),
    ('N10-008', '3.0', '3.3', 'Explain high availability and disaster recovery concepts and summarize which is the best solution'),
    ('N10-008', '4.0', '4.1', 'Explain common security concepts'),
    ('N10-008', '4.0', '4.2', 'Compare and contrast common types of attacks'),
    ('N10-008', '4.0', '4.3', 'Given a scenario, apply network hardening techniques'),
    ('N10-008', '4.0', '4.4', 'Compare and contrast remote access methods and security implications'),
    ('N10-008', '4.0', '4.5', 'Explain the importance of physical security'),
    ('N10-008', '5.0', '5.1', 'Explain the network troubleshooting methodology'),
    ('N10-008', '5.0', '5.2', 'Given a scenario, troubleshoot common cable connectivity issues and select the appropriate tools'),
    ('N10-008', '5.0', '5.3', 'Given a scenario, use the appropriate network software tools and commands'),
    ('N10-008', '5.0', '5.4', 'Given a scenario, troubleshoot common wireless connectivity issues'),
    ('N10-008', '5.0', '5.5', 'Given a scenario, troubleshoot general networking issues');

-- Content says which exam it prepares for; existing rows are N10-009 content.
ALTER TABLE learning_components ADD COLUMN exam_code text NOT NULL DEFAULT 'N10-009'
    REFERENCES exam_versions (code) ON UPDATE CASCADE;
ALTER TABLE question_bank ADD COLUMN exam_code text NOT NULL DEFAULT 'N10-009'
    REFERENCES exam_versions (code) ON UPDATE CASCADE;
ALTER TABLE assessments ADD COLUMN exam_code text NOT NULL DEFAULT 'N10-009'
    REFERENCES exam_versions (code) ON UPDATE CASCADE;
CREATE INDEX learning_components_exam_idx ON learning_components (exam_code);
CREATE INDEX question_bank_exam_idx ON question_bank (exam_code);
CREATE INDEX assessments_exam_idx ON assessments (exam_code);

-- A domain and objective codes must exist in the reference of the row's exam. Deferred to commit, like
-- the other array checks, so a data-only restore may load content before the reference.
CREATE FUNCTION check_exam_objectives() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    unknown text;
BEGIN
    IF NEW.domain IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM exam_domains d WHERE d.exam_code = NEW.exam_code AND d.code = NEW.domain) THEN
        RAISE EXCEPTION '% has no domain %', NEW.exam_code, NEW.domain USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT o INTO unknown FROM unnest(NEW.comptia_objectives) o
    WHERE NOT EXISTS (SELECT 1 FROM exam_objectives x WHERE x.exam_code = NEW.exam_code AND x.code = o) LIMIT 1;
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION '% has no objective %', NEW.exam_code, unknown USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER learning_components_exam_objectives
    AFTER INSERT OR UPDATE OF exam_code, domain, comptia_objectives ON learning_components
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_exam_objectives();
CREATE CONSTRAINT TRIGGER question_bank_exam_objectives
    AFTER INSERT OR UPDATE OF exam_code, domain, comptia_objectives ON question_bank
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_exam_objectives();

-- The exam reports 100-900 with 720 to pass; CompTIA does not publish its conversion. Ours is linear
-- over the whole range: scaled = 100 + 8 * percentage, so 720 falls at 77.5%, which is why the
-- practice exams' passing_score is 77.5.
CREATE FUNCTION exam_scaled_score(p_percentage numeric) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT round(100 + 8 * least(greatest(p_percentage, 0), 100))::integer;
$$;

GRANT SELECT ON exam_versions, exam_domains, exam_objectives TO app_user, readonly;
