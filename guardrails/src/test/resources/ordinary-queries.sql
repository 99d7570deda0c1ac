-- Ordinary queries an agent runs every day: one a line. None may be judged destructive.
SELECT * FROM users
SELECT id, name FROM users WHERE id = 1
SELECT u.name, o.amount FROM users u JOIN orders o ON o.user_id = u.id
SELECT u.name, count(o.id) AS n FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.name ORDER BY n DESC
SELECT u.name, sum(o.amount) FROM users u INNER JOIN orders o USING (id) GROUP BY 1 HAVING sum(o.amount) > 10
SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)
SELECT * FROM users WHERE id IN (SELECT user_id FROM orders WHERE amount > 15)
SELECT * FROM users WHERE id NOT IN (1, 2, 3) AND name LIKE 'a%'
SELECT name, email FROM users WHERE email ILIKE '%@x' ORDER BY name LIMIT 10 OFFSET 20
SELECT DISTINCT user_id FROM orders
SELECT DISTINCT ON (user_id) user_id, amount FROM orders ORDER BY user_id, amount DESC
WITH totals AS (SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id) SELECT u.name, t.total FROM users u JOIN totals t ON t.user_id = u.id
WITH RECURSIVE tree(id, parent_id, depth) AS (SELECT id, NULL::int, 0 FROM users WHERE id = 1 UNION ALL SELECT u.id, t.id, t.depth + 1 FROM users u JOIN tree t ON u.id = t.id + 1 WHERE t.depth < 5) SELECT * FROM tree
WITH a AS MATERIALIZED (SELECT * FROM orders) SELECT count(*) FROM a
SELECT id, amount, row_number() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM orders
SELECT id, amount, rank() OVER w, dense_rank() OVER w FROM orders WINDOW w AS (ORDER BY amount)
SELECT id, lag(amount) OVER (ORDER BY id), lead(amount, 1, 0) OVER (ORDER BY id) FROM orders
SELECT user_id, sum(amount) OVER (PARTITION BY user_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM orders
SELECT id, first_value(amount) OVER (PARTITION BY user_id ORDER BY id), ntile(4) OVER (ORDER BY amount) FROM orders
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders
SELECT count(*) FILTER (WHERE amount > 10) AS big, count(*) AS all_orders FROM orders
SELECT user_id, array_agg(amount ORDER BY amount) FROM orders GROUP BY user_id
SELECT string_agg(name, ', ' ORDER BY name) FROM users
SELECT json_agg(u) FROM users u
SELECT jsonb_build_object('id', id, 'name', name) FROM users
SELECT to_jsonb(u) - 'email' FROM users u
SELECT row_to_json(t) FROM (SELECT id, name FROM users) t
SELECT id, CASE WHEN amount > 20 THEN 'big' WHEN amount > 10 THEN 'medium' ELSE 'small' END AS size FROM orders
SELECT coalesce(email, 'none'), nullif(name, ''), greatest(1, 2), least(3, 4) FROM users
SELECT upper(name), lower(email), length(name), substring(name FROM 1 FOR 2), trim(both ' ' FROM name) FROM users
SELECT split_part(email, '@', 2) AS domain, count(*) FROM users GROUP BY 1
SELECT regexp_replace(name, '[aeiou]', '*', 'g') FROM users
SELECT format('%s <%s>', name, email) FROM users
SELECT concat_ws(' ', name, email) FROM users
SELECT now(), current_date, current_timestamp, clock_timestamp()
SELECT date_trunc('day', now()) - interval '7 days'
SELECT extract(epoch FROM now()), date_part('year', now())
SELECT to_char(now(), 'YYYY-MM-DD'), to_date('2024-01-01', 'YYYY-MM-DD')
SELECT age(timestamp '2024-01-01', timestamp '2020-06-15')
SELECT generate_series(1, 10) AS n
SELECT * FROM generate_series(1, 3) AS g(n)
SELECT * FROM generate_series(1, 3) g(n) CROSS JOIN users
SELECT * FROM unnest(ARRAY[1, 2, 3]) WITH ORDINALITY AS t(v, i)
SELECT * FROM users, LATERAL (SELECT * FROM orders o WHERE o.user_id = users.id LIMIT 1) o
SELECT id::text, amount::numeric(10,2), CAST(amount AS integer) FROM orders
SELECT '{"a": 1}'::jsonb -> 'a', '{"a": {"b": 2}}'::jsonb #>> '{a,b}'
SELECT * FROM users WHERE name = ANY (ARRAY['alice', 'bob'])
SELECT * FROM orders WHERE amount BETWEEN 10 AND 20
SELECT * FROM users WHERE email IS NULL OR is_admin IS NOT TRUE
SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 EXCEPT SELECT 4
SELECT * FROM users INTERSECT SELECT * FROM users
(SELECT id FROM users ORDER BY id LIMIT 1) UNION (SELECT id FROM orders ORDER BY id DESC LIMIT 1)
VALUES (1, 'a'), (2, 'b')
TABLE users
SELECT * FROM v_users
SELECT * FROM mv_orders ORDER BY s DESC
SELECT "select".id FROM "select"
SELECT md5(name), sha256(convert_to(name, 'UTF8')) FROM users
SELECT gen_random_uuid(), random()
SELECT pg_size_pretty(pg_total_relation_size('users'))
SELECT pg_database_size(current_database())
SELECT current_user, session_user, current_schema(), version()
SELECT current_setting('search_path')
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'users'
SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'users'
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'orders'::regclass
SELECT schemaname, relname, n_live_tup FROM pg_stat_user_tables
SELECT has_table_privilege('users', 'SELECT')
SELECT to_tsvector('english', name) @@ to_tsquery('english', 'alice') FROM users
SELECT id FROM users ORDER BY id FETCH FIRST 5 ROWS ONLY
SELECT user_id, amount FROM orders GROUP BY GROUPING SETS ((user_id), (amount), ())
SELECT user_id, sum(amount) FROM orders GROUP BY ROLLUP (user_id)
SELECT * FROM users TABLESAMPLE BERNOULLI (10) REPEATABLE (42)
SELECT x FROM (VALUES (1), (2)) AS v(x)
SELECT * FROM jsonb_to_record('{"a": 1, "b": "x"}') AS r(a int, b text)
SELECT * FROM json_each('{"a": 1}')
SELECT id FROM users WHERE name ~* '^a'
SELECT array_length(ARRAY[1, 2], 1), cardinality(ARRAY[1])
SELECT round(avg(amount), 2), stddev(amount), min(amount), max(amount) FROM orders
EXPLAIN SELECT * FROM users WHERE id = 1
EXPLAIN ANALYZE SELECT * FROM orders WHERE amount > 10
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM users
EXPLAIN UPDATE users SET name = 'x'
SHOW search_path
SHOW server_version
INSERT INTO audit(msg) VALUES ('deploy started')
INSERT INTO audit(msg) VALUES ('a'), ('b'), ('c')
INSERT INTO orders(user_id, amount) VALUES (1, 42) RETURNING id
INSERT INTO users(id, name, email) VALUES (4, 'dave', 'd@x') ON CONFLICT (id) DO NOTHING
INSERT INTO users(id, name, email) VALUES (4, 'dave', 'd@x') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
INSERT INTO audit(msg) SELECT 'user ' || name FROM users WHERE is_admin
INSERT INTO audit(msg, at) VALUES ('now', now()) RETURNING *
INSERT INTO orders(user_id, amount) SELECT id, 0 FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE user_id = users.id)
UPDATE users SET name = 'Alice' WHERE id = 1
UPDATE orders SET amount = amount * 1.1 WHERE user_id = 2 RETURNING id, amount
UPDATE users u SET email = lower(u.email) WHERE u.id IN (SELECT user_id FROM orders)
UPDATE orders o SET amount = 0 FROM users u WHERE u.id = o.user_id AND u.is_admin
UPDATE users SET (name, email) = ('bob', 'b@y') WHERE id = 2
DELETE FROM audit WHERE at < now() - interval '30 days'
DELETE FROM orders WHERE id = 3 RETURNING *
DELETE FROM audit a USING users u WHERE a.msg = u.name
MERGE INTO users u USING (VALUES (5, 'eve')) v(id, name) ON u.id = v.id WHEN MATCHED THEN UPDATE SET name = v.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (v.id, v.name)
WITH moved AS (DELETE FROM audit WHERE msg = 'old' RETURNING msg) INSERT INTO audit(msg) SELECT 'archived ' || msg FROM moved
WITH upd AS (UPDATE orders SET amount = 1 WHERE id = 1 RETURNING *) SELECT count(*) FROM upd
CREATE INDEX idx_orders_user ON orders(user_id)
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_name ON users USING btree (lower(name))
CREATE UNIQUE INDEX idx_users_email_u ON users(email) WHERE email IS NOT NULL
CREATE TABLE notes(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users(id), body text NOT NULL, created_at timestamptz DEFAULT now())
CREATE TABLE IF NOT EXISTS prices(id serial PRIMARY KEY, price numeric(10,2) CHECK (price >= 0), label varchar(40))
CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100
CREATE SCHEMA IF NOT EXISTS app
CREATE SEQUENCE IF NOT EXISTS order_no START 1000
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')
ALTER TABLE users ADD COLUMN last_login timestamptz
ALTER TABLE users ALTER COLUMN email SET NOT NULL
ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anon'
ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount >= 0)
ALTER TABLE users RENAME COLUMN email TO email_address
ALTER INDEX idx_orders_user RENAME TO idx_orders_user_id
COMMENT ON TABLE users IS 'people who can log in'
CREATE TABLE users_archive AS SELECT * FROM users WHERE false
SELECT count(*) FROM users WHERE created_at > $1
SELECT * FROM orders WHERE user_id = $1 AND amount > $2
