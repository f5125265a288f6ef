package io.github.fss.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The best text of a hit and the words the query matched in it, cut from the texts its document
 * stores (its kept text and checkpoints, as indexed): the text with the most distinct query terms
 * wins, and a window around its first match is shown. Terms under NOT are never marked.
 */
public record Snippet(String kind, String at, List<String> parts) {
  /** Characters shown around the matches. */
  static final int WIDTH = 240;

  /** {@code parts} alternate: plain, matched, plain, …; the first is plain (maybe empty). */
  public Snippet {
    parts = List.copyOf(parts);
  }

  /** The snippet with each match between {@code open} and {@code close}, plain parts through {@code plain}. */
  public String render(String open, String close, java.util.function.UnaryOperator<String> plain) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String p = plain.apply(parts.get(i));
      sb.append(i % 2 == 1 ? open + p + close : p);
    }
    return sb.toString();
  }

  /** What a query looks for in the text field: exact terms, and automata for prefixes and wildcards. */
  static final class Terms {
    final Set<String> exact = new HashSet<>();
    final List<String> prefixes = new ArrayList<>();
    final List<ByteRunAutomaton> automata = new ArrayList<>();
    boolean unfiltered;

    static Terms of(Query q) {
      Terms t = new Terms();
      q.visit(new QueryVisitor() {
        @Override
        public boolean acceptField(String field) {
          return SessionDoc.TEXT.equals(field);
        }

        @Override
        public void consumeTerms(Query query, Term... terms) {
          for (Term term : terms) {
            t.exact.add(term.text());
          }
        }

        @Override
        public void consumeTermsMatching(Query query, String field,
            java.util.function.Supplier<ByteRunAutomaton> automaton) {
          t.automata.add(automaton.get());
          if (query instanceof PrefixQuery) {
            t.prefixes.add(((PrefixQuery) query).getPrefix().text());
          } else {
            t.unfiltered = true; // a wildcard or fuzzy term: no cheap test, analyze every text
          }
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
          return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
        }
      });
      return t;
    }

    /** A cheap test before analysis: could this text hold a match at all? */
    boolean mayMatch(String lower) {
      if (unfiltered) {
        return true;
      }
      for (String e : exact) {
        if (lower.contains(e)) {
          return true;
        }
      }
      for (String p : prefixes) {
        if (lower.contains(p)) {
          return true;
        }
      }
      return false;
    }

    boolean matches(String token) {
      if (exact.contains(token)) {
        return true;
      }
      if (!automata.isEmpty()) {
        BytesRef b = new BytesRef(token);
        for (ByteRunAutomaton a : automata) {
          if (a.run(b.bytes, b.offset, b.length)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The best snippet among {@code texts}; null when no text holds a match. */
  static Snippet best(Analyzer analyzer, Terms terms, List<Entry> texts) {
    Entry bestEntry = null;
    List<int[]> bestMatches = null;
    int bestScore = 0;
    for (Entry e : texts) {
      String text = e.display();
      if (!terms.mayMatch(text.toLowerCase(Locale.ROOT))) {
        continue;
      }
      List<int[]> matches = new ArrayList<>();
      Set<String> distinct = new HashSet<>();
      try (TokenStream ts = analyzer.tokenStream(SessionDoc.TEXT, text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          String tok = term.toString();
          if (terms.matches(tok)) {
            matches.add(new int[] {off.startOffset(), off.endOffset()});
            distinct.add(tok);
          }
        }
        ts.end();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      int score = distinct.size() * 1000 + Math.min(matches.size(), 999);
      // ties go to the first: texts come newest first, the conversation's before the checkpoints'
      if (!matches.isEmpty() && score > bestScore) {
        bestScore = score;
        bestEntry = e;
        bestMatches = matches;
      }
    }
    return bestEntry == null ? null : cut(bestEntry, bestMatches);
  }

  private static Snippet cut(Entry e, List<int[]> matches) {
    String text = e.display();
    int first = matches.get(0)[0];
    int start = Math.max(0, first - WIDTH / 4);
    if (start > 0) {
      int space = text.indexOf(' ', start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    int end = Math.min(text.length(), start + WIDTH);
    if (end < text.length()) {
      int space = text.lastIndexOf(' ', end);
      end = space > first ? space : end;
    }
    List<String> parts = new ArrayList<>();
    StringBuilder plain = new StringBuilder(start > 0 ? "…" : "");
    int pos = start;
    for (int[] m : matches) {
      if (m[0] < pos || m[1] > end) {
        continue;
      }
      plain.append(text, pos, m[0]);
      parts.add(plain.toString());
      parts.add(text.substring(m[0], m[1]));
      plain = new StringBuilder();
      pos = m[1];
    }
    plain.append(text, pos, end);
    if (end < text.length()) {
      plain.append('…');
    }
    parts.add(plain.toString());
    return new Snippet(e.kind(), e.at(), parts);
  }
}
