/**
 * SQL judged before it is sent: {@link dev.lakebasemcp.guardrails.sql.SqlLexer} (PostgreSQL lexical
 * rules, standard_conforming_strings on), {@link dev.lakebasemcp.guardrails.sql.StatementSplitter},
 * and {@link dev.lakebasemcp.guardrails.sql.StatementClassifier}, which gives every statement a
 * {@link dev.lakebasemcp.guardrails.sql.SqlClass}, a risk, a reason and the tables it changes.
 * Execute the {@link dev.lakebasemcp.guardrails.sql.Statement#text()} of each statement, one at a
 * time: that is exactly what was classified.
 */
package dev.lakebasemcp.guardrails.sql;
