package dev.lakebasemcp.guardrails.sql;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about PostgreSQL's built-in functions (and a few common extensions'), by name:
 * a deny list of functions with effects beyond returning a value, and an allow list of functions
 * that only compute or read. Names on neither list are decided by the caller's
 * {@link FunctionVolatility}, or are opaque.
 *
 * <p>Volatility is not the test for the allow list: {@code random()} and {@code clock_timestamp()}
 * are volatile yet change nothing, while {@code txid_current()} is volatile and does.
 */
final class BuiltinFunctions {

    /** A deny-list entry: the class the call gives the statement and what the function does. */
    record Effect(SqlClass sqlClass, String does) {
    }

    private static final Map<String, Effect> DENY = new HashMap<>();
    private static final List<Map.Entry<String, Effect>> DENY_PREFIXES;

    static {
        write("sequence values change (not undone by ROLLBACK)", "nextval", "setval");
        write("a large object is written", "lo_open", "lo_put", "lo_from_bytea", "lo_create", "lo_creat", "lowrite",
                "lo_write");
        deny(SqlClass.DESTRUCTIVE, "a large object's data is lost", "lo_unlink", "lo_truncate", "lo_truncate64");
        deny(SqlClass.READ, "reads a large object", "lo_get", "loread", "lo_lseek", "lo_lseek64", "lo_tell",
                "lo_tell64", "lo_close");
        sideEffect("the backend sleeps, holding its connection and locks", "pg_sleep", "pg_sleep_for", "pg_sleep_until");
        sideEffect("other sessions are cancelled or terminated", "pg_terminate_backend", "pg_cancel_backend");
        sideEffect("the server's configuration, logs or WAL are acted on", "pg_reload_conf", "pg_rotate_logfile",
                "pg_rotate_logfile_old", "pg_switch_wal", "pg_switch_xlog", "pg_create_restore_point", "pg_promote",
                "pg_wal_replay_pause", "pg_wal_replay_resume", "pg_backup_start", "pg_backup_stop", "pg_start_backup",
                "pg_stop_backup", "pg_log_backend_memory_contexts", "pg_import_system_collations");
        sideEffect("a transaction id is assigned (XID consumption)", "txid_current", "pg_current_xact_id");
        sideEffect("a notification is sent to listeners", "pg_notify");
        sideEffect("replication slots or origins change outside the transaction", "pg_create_physical_replication_slot",
                "pg_create_logical_replication_slot", "pg_drop_replication_slot", "pg_copy_physical_replication_slot",
                "pg_copy_logical_replication_slot", "pg_replication_slot_advance", "pg_logical_slot_get_changes",
                "pg_logical_slot_get_binary_changes", "pg_logical_slot_peek_changes",
                "pg_logical_slot_peek_binary_changes", "pg_logical_emit_message");
        sideEffect("server files are written", "lo_import", "lo_export", "pg_file_write", "pg_file_rename",
                "pg_file_unlink", "pg_file_sync");
        sideEffect("index or cache maintenance runs", "brin_summarize_new_values", "brin_summarize_range",
                "brin_desummarize_range", "gin_clean_pending_list", "pg_prewarm", "pg_truncate_visibility_map");
        sideEffect("statistics are reset", "pg_stat_statements_reset");
        sideEffect("an outbound HTTP request is made", "http");
        deny(SqlClass.INFO_DISCLOSURE, "reads the server's files or configuration", "pg_stat_file", "pg_current_logfile",
                "pg_hba_file_rules", "pg_ident_file_mappings", "pg_show_all_file_settings", "pg_config",
                "pg_logdir_ls", "pg_stat_get_activity", "pg_stat_statements");
        deny(SqlClass.OPAQUE_CODE, "runs SQL text given as an argument", "query_to_xml", "query_to_xmlschema",
                "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "ts_stat", "ts_rewrite",
                "crosstab", "crosstab2", "crosstab3", "crosstab4", "connectby");

        DENY_PREFIXES = List.of(
                Map.entry("dblink", new Effect(SqlClass.SIDE_EFFECT,
                        "opens a connection that writes outside this transaction and survives ROLLBACK")),
                Map.entry("lo_", new Effect(SqlClass.SIDE_EFFECT, "acts on large objects")),
                Map.entry("pg_stat_reset", new Effect(SqlClass.SIDE_EFFECT, "statistics are reset")),
                Map.entry("pg_advisory", new Effect(SqlClass.SIDE_EFFECT, "an advisory lock is taken or released")),
                Map.entry("pg_try_advisory", new Effect(SqlClass.SIDE_EFFECT, "an advisory lock is taken")),
                Map.entry("pg_replication_origin", new Effect(SqlClass.SIDE_EFFECT, "replication origins change")),
                Map.entry("pg_ls_", new Effect(SqlClass.INFO_DISCLOSURE, "lists the server's directories")),
                Map.entry("pg_read_", new Effect(SqlClass.INFO_DISCLOSURE, "reads the server's files")),
                Map.entry("http_", new Effect(SqlClass.SIDE_EFFECT, "an outbound HTTP request is made")),
                Map.entry("pg_background", new Effect(SqlClass.OPAQUE_CODE, "runs SQL in a background worker")));
    }

    private static final Set<String> READ_ONLY = Set.copyOf(Arrays.asList(
            // aggregates and window functions
            "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor", "stddev", "stddev_pop",
            "stddev_samp", "variance", "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "regr_avgx",
            "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
            "percentile_cont", "percentile_disc", "mode", "rank", "dense_rank", "percent_rank", "cume_dist",
            "row_number", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "grouping", "any_value",
            "range_agg", "range_intersect_agg", "xmlagg", "json_arrayagg", "json_objectagg", "cube", "rollup",
            // numbers
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "sign", "sqrt", "cbrt", "exp", "ln", "log", "log10",
            "power", "pow", "mod", "div", "pi", "degrees", "radians", "sin", "cos", "tan", "cot", "asin", "acos",
            "atan", "atan2", "sind", "cosd", "tand", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "gcd", "lcm",
            "factorial", "width_bucket", "random", "random_normal", "setseed", "scale", "min_scale", "trim_scale",
            "erf", "erfc", "greatest", "least", "numeric", "int", "int2", "int4", "int8", "float4", "float8", "bigint",
            "integer", "smallint", "real", "decimal", "float", "bool", "boolean", "oid", "money",
            // text
            "length", "char_length", "character_length", "octet_length", "bit_length", "lower", "upper", "initcap",
            "concat", "concat_ws", "substr", "substring", "left", "right", "lpad", "rpad", "ltrim", "rtrim", "btrim",
            "trim", "replace", "reverse", "repeat", "split_part", "strpos", "position", "starts_with", "format",
            "quote_ident", "quote_literal", "quote_nullable", "regexp_replace", "regexp_match", "regexp_matches",
            "regexp_split_to_array", "regexp_split_to_table", "regexp_like", "regexp_count", "regexp_instr",
            "regexp_substr", "translate", "to_char", "to_number", "to_date", "to_timestamp", "md5", "sha224", "sha256",
            "sha384", "sha512", "encode", "decode", "convert", "convert_from", "convert_to", "chr", "ascii", "overlay",
            "string_to_array", "array_to_string", "string_to_table", "unistr", "normalize", "to_hex", "to_bin",
            "to_oct", "text", "varchar", "char", "bpchar", "character", "name", "parse_ident", "format_type", "casefold",
            "similar_to_escape", "get_byte", "get_bit", "set_byte", "set_bit", "bit_count", "crc32", "crc32c", "bytea",
            "bit", "varbit", "uuid", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_extract_timestamp",
            "uuid_extract_version", "uuid_generate_v1", "uuid_generate_v4", "similarity", "word_similarity",
            "strict_word_similarity", "show_trgm", "levenshtein", "soundex", "difference", "metaphone", "dmetaphone",
            "unaccent", "digest", "hmac", "crypt", "gen_salt", "gen_random_bytes", "pgp_sym_encrypt", "pgp_sym_decrypt",
            "armor", "dearmor",
            // date and time
            "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
            "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday", "date_trunc", "date_part",
            "extract", "date_bin", "age", "make_date", "make_time", "make_timestamp", "make_timestamptz",
            "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite", "date", "time",
            "timestamp", "timestamptz", "timetz", "interval", "timezone", "date_add", "date_subtract", "to_timestamp",
            // json
            "to_json", "to_jsonb", "row_to_json", "array_to_json", "json_build_object", "jsonb_build_object",
            "json_build_array", "jsonb_build_array", "json_object", "jsonb_object", "json_extract_path",
            "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text", "json_array_length",
            "jsonb_array_length", "json_each", "jsonb_each", "json_each_text", "jsonb_each_text", "json_array_elements",
            "jsonb_array_elements", "json_array_elements_text", "jsonb_array_elements_text", "json_object_keys",
            "jsonb_object_keys", "json_typeof", "jsonb_typeof", "jsonb_set", "jsonb_set_lax", "jsonb_insert",
            "jsonb_pretty", "jsonb_strip_nulls", "json_strip_nulls", "jsonb_path_query", "jsonb_path_query_array",
            "jsonb_path_query_first", "jsonb_path_exists", "jsonb_path_match", "json_populate_record",
            "jsonb_populate_record", "json_to_record", "jsonb_to_record", "json_to_recordset", "jsonb_to_recordset",
            "json_populate_recordset", "jsonb_populate_recordset", "json_scalar", "json_serialize", "json_query",
            "json_value", "json_exists", "json_table", "json_array", "json", "jsonb", "jsonb_path_exists_tz",
            "jsonb_path_query_tz", "jsonb_populate_record_valid",
            // arrays, ranges, sets
            "array_length", "array_lower", "array_upper", "array_ndims", "array_dims", "array_append",
            "array_prepend", "array_cat", "array_remove", "array_replace", "array_position", "array_positions",
            "array_fill", "cardinality", "unnest", "generate_series", "generate_subscripts", "trim_array",
            "array_sample", "array_shuffle", "array_reverse", "array_sort", "isempty", "lower_inc", "upper_inc",
            "lower_inf", "upper_inf", "range_merge", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
            "daterange", "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange",
            "datemultirange", "multirange", "coalesce", "nullif", "num_nulls", "num_nonnulls",
            // text search
            "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "ts_rank",
            "ts_rank_cd", "ts_headline", "setweight", "strip", "numnode", "querytree", "tsvector_to_array",
            "array_to_tsvector", "ts_lexize", "ts_parse", "ts_token_type", "ts_debug", "get_current_ts_config",
            "tsquery_phrase", "ts_delete", "ts_filter",
            // xml
            "xmlelement", "xmlforest", "xmlconcat", "xmlparse", "xmlserialize", "xmlroot", "xmlpi", "xmlcomment",
            "xmltext", "xpath", "xpath_exists", "xmlexists", "xml_is_well_formed", "xml_is_well_formed_document",
            "xml_is_well_formed_content", "xmltable", "table_to_xml", "table_to_xmlschema",
            "table_to_xml_and_xmlschema",
            // network and geometry
            "host", "hostmask", "masklen", "netmask", "network", "broadcast", "family", "inet_same_family",
            "inet_merge", "abbrev", "set_masklen", "inet", "cidr", "macaddr", "macaddr8", "trunc", "point", "box",
            "circle", "lseg", "line", "path", "polygon", "area", "center", "diameter", "radius", "height", "width",
            "npoints", "isclosed", "isopen", "bound_box",
            // session and catalog information
            "version", "current_database", "current_catalog", "current_schema", "current_schemas", "current_user",
            "current_role", "session_user", "user", "system_user", "current_setting", "currval", "lastval",
            "inet_server_addr", "inet_server_port", "inet_client_addr", "inet_client_port", "pg_backend_pid",
            "pg_postmaster_start_time", "pg_conf_load_time", "pg_is_in_recovery", "pg_get_serial_sequence",
            "pg_get_viewdef", "pg_get_functiondef", "pg_get_function_arguments", "pg_get_function_result",
            "pg_get_function_identity_arguments", "pg_get_indexdef", "pg_get_constraintdef", "pg_get_triggerdef",
            "pg_get_expr", "pg_get_ruledef", "pg_get_userbyid", "pg_get_keywords", "pg_get_partkeydef",
            "pg_get_statisticsobjdef", "pg_typeof", "pg_table_size", "pg_relation_size", "pg_total_relation_size",
            "pg_indexes_size", "pg_database_size", "pg_size_pretty", "pg_size_bytes", "pg_column_size",
            "pg_tablespace_size", "pg_tablespace_location", "pg_relation_filenode", "pg_relation_filepath",
            "has_table_privilege", "has_schema_privilege", "has_database_privilege", "has_column_privilege",
            "has_function_privilege", "has_sequence_privilege", "has_any_column_privilege", "has_type_privilege",
            "has_language_privilege", "has_server_privilege", "has_tablespace_privilege",
            "has_foreign_data_wrapper_privilege", "has_parameter_privilege", "pg_has_role", "obj_description",
            "col_description", "shobj_description", "pg_table_is_visible", "pg_function_is_visible",
            "pg_type_is_visible", "pg_opclass_is_visible", "pg_collation_is_visible", "pg_ts_config_is_visible",
            "to_regclass", "to_regproc", "to_regtype", "to_regnamespace", "to_regrole", "to_regprocedure",
            "to_regoper", "to_regoperator", "to_regcollation", "to_regtypemod", "pg_encoding_to_char",
            "pg_char_to_encoding", "pg_client_encoding", "txid_current_if_assigned", "pg_current_xact_id_if_assigned",
            "txid_current_snapshot", "pg_current_snapshot", "txid_snapshot_xmin", "txid_snapshot_xmax",
            "txid_snapshot_xip", "pg_snapshot_xmin", "pg_snapshot_xmax", "pg_snapshot_xip", "pg_xact_status",
            "txid_status", "txid_visible_in_snapshot", "pg_visible_in_snapshot", "pg_xact_commit_timestamp",
            "pg_last_committed_xact", "pg_last_wal_receive_lsn", "pg_last_wal_replay_lsn", "pg_current_wal_lsn",
            "pg_current_wal_insert_lsn", "pg_current_wal_flush_lsn", "pg_wal_lsn_diff", "pg_walfile_name",
            "pg_last_xact_replay_timestamp", "pg_is_wal_replay_paused", "pg_get_wal_replay_pause_state",
            "pg_blocking_pids", "pg_safe_snapshot_blocking_pids", "pg_jit_available", "pg_listening_channels",
            "pg_notification_queue_usage", "pg_trigger_depth", "pg_partition_tree", "pg_partition_root",
            "pg_partition_ancestors", "pg_options_to_table", "pg_get_object_address", "pg_identify_object",
            "pg_identify_object_as_address", "pg_describe_object", "pg_input_is_valid", "pg_input_error_info",
            "row_security_active", "pg_column_compression", "pg_column_toast_chunk_id", "pg_collation_for",
            "pg_index_column_has_property", "pg_indexam_has_property", "pg_index_has_property",
            "pg_get_catalog_foreign_keys", "pg_settings_get_flags", "pg_get_wal_resource_managers",
            "pg_available_extensions", "pg_available_extension_versions", "pg_extension_config_dump",
            "pg_stat_get_numscans", "pg_stat_get_live_tuples", "pg_stat_get_dead_tuples", "pg_get_shmem_allocations",
            "pg_tablespace_databases", "pg_timezone_names", "pg_timezone_abbrevs", "pg_cursor",
            "pg_prepared_statement", "pg_show_all_settings", "pg_lock_status", "pg_get_replica_identity_index",
            "regclass", "regtype", "regproc", "regprocedure", "regnamespace", "regrole", "regoper", "regconfig",
            // pgvector
            "l2_distance", "cosine_distance", "inner_product", "l1_distance", "vector_dims", "vector_norm",
            "l2_normalize", "binary_quantize", "subvector", "hamming_distance", "jaccard_distance",
            "xmlattributes", "xmlnamespaces"));

    /** Functions that are not functions to the grammar, or are syntax: {@code ROW(..)} is a constructor. */
    private static final Set<String> SYNTAX = Set.of("row", "array", "exists", "values", "cast", "treat", "operator");

    private BuiltinFunctions() {
    }

    private static void write(String does, String... names) {
        deny(SqlClass.WRITE, does, names);
    }

    private static void sideEffect(String does, String... names) {
        deny(SqlClass.SIDE_EFFECT, does, names);
    }

    private static void deny(SqlClass cls, String does, String... names) {
        for (String name : names) {
            DENY.put(name, new Effect(cls, does));
        }
    }

    /** The deny-list effect of a function name, whatever schema it is written with. */
    static Optional<Effect> effect(String name) {
        Effect e = DENY.get(name);
        if (e != null) {
            return Optional.of(e);
        }
        for (Map.Entry<String, Effect> p : DENY_PREFIXES) {
            if (name.startsWith(p.getKey())) {
                return Optional.of(p.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * On the read-only list: only for unqualified names or {@code pg_catalog.}, since
     * {@code public.count()} is somebody's own function.
     */
    static boolean isReadOnly(QualifiedName name) {
        if (name.parts().size() > 2 || (name.schema().isPresent() && !name.schema().get().equals("pg_catalog"))) {
            return false;
        }
        return READ_ONLY.contains(name.name()) || SYNTAX.contains(name.name());
    }

    /** Catalog relations whose rows disclose secrets, other sessions' SQL, or the server's files. */
    static final Set<String> SENSITIVE_RELATIONS = Set.of("pg_authid", "pg_shadow", "pg_user_mapping",
            "pg_user_mappings", "pg_stat_activity", "pg_hba_file_rules", "pg_ident_file_mappings", "pg_file_settings",
            "pg_config", "pg_largeobject", "pg_statistic", "pg_subscription", "pg_stat_statements");
}
