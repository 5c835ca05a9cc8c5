package org.nndl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation's relative links resolve: every {@code [text](target)} and
 * {@code ![alt](target)} in README.md, DEVELOPERS.md and docs/*.md that is not a URL names a file
 * of the repository (never one outside it), and every {@code #anchor} names a heading of its
 * page, slugged as GitHub does. Links inside code (fenced blocks, backtick spans) are not links.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

  @Test
  void everyRelativeLinkOfTheDocsResolves() {
    Path root = Path.of("").toAbsolutePath();
    List<Path> pages = pages(root);
    assertTrue(pages.contains(root.resolve("README.md")), "README.md not found from " + root);
    assertTrue(pages.size() > 3, "expected README.md, DEVELOPERS.md and pages under docs/: " + pages);
    List<String> broken = brokenLinks(root, pages);
    assertEquals(List.of(), broken, "links that do not resolve");
  }

  @Test
  void theReadmeStaysANewcomersPage() throws IOException {
    long lines = Files.readAllLines(Path.of("README.md")).size();
    assertTrue(lines <= 200, "README.md has " + lines + " lines; move detail into docs/ (limit 200)");
  }

  /** The checker itself, on hand-made pages whose broken links are known. */
  @Test
  void theCheckerFindsBrokenFilesAnchorsAndEscapes(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/a.md"), "# A page\n\n## Faster epochs: `--sync-every`\n");
    Files.writeString(root.resolve("README.md"), String.join("\n",
        "# Top",
        "[ok](docs/a.md) [ok anchor](docs/a.md#faster-epochs---sync-every) [self](#top)",
        "[url](https://example.org/x) ![missing image](docs/pic.png)",
        "[no file](docs/b.md) [no anchor](docs/a.md#a-pag) [outside](../shared/measured.md)",
        "`[in a span](docs/c.md)`",
        "```",
        "[in a fence](docs/d.md)",
        "```",
        ""));
    List<String> broken = brokenLinks(root, List.of(root.resolve("README.md"), root.resolve("docs/a.md")));
    assertEquals(List.of(
        "README.md:3: docs/pic.png (no such file)",
        "README.md:4: docs/b.md (no such file)",
        "README.md:4: docs/a.md#a-pag (no heading with that anchor)",
        "README.md:4: ../shared/measured.md (outside the repository)"), broken);
  }

  private static List<Path> pages(Path root) {
    List<Path> pages = new ArrayList<>();
    for (String top : List.of("README.md", "DEVELOPERS.md")) {
      if (Files.isRegularFile(root.resolve(top))) pages.add(root.resolve(top));
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> s = Files.list(docs)) {
        s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pages;
  }

  /** One line per link that does not resolve: {@code page:line: target (why)}. */
  static List<String> brokenLinks(Path root, List<Path> pages) {
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = proseLines(page);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll(""));
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue;  // http:, https:, mailto:
          String why = problem(root, page, target, anchors);
          if (why != null) broken.add(root.relativize(page) + ":" + (i + 1) + ": " + target + " (" + why + ")");
        }
      }
    }
    return broken;
  }

  private static String problem(Path root, Path page, String target, Map<Path, Set<String>> anchors) {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    if (file.startsWith("/")) return "absolute path";
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(root.normalize())) return "outside the repository";
    if (!Files.exists(resolved)) return "no such file";
    if (hash < 0) return null;
    if (!resolved.toString().endsWith(".md")) return "anchor on a file that is not markdown";
    String anchor = target.substring(hash + 1);
    return anchors.computeIfAbsent(resolved, DocsLinksTest::headingAnchors).contains(anchor)
        ? null : "no heading with that anchor";
  }

  /** The page's lines, with fenced code blocks blanked (so line numbers stay right). */
  private static List<String> proseLines(Path page) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    try {
      for (String line : Files.readAllLines(page)) {
        boolean fence = line.stripLeading().startsWith("```");
        if (fence) fenced = !fenced;
        out.add(fenced || fence ? "" : line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
  private static Set<String> headingAnchors(Path page) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : proseLines(page)) {
      Matcher h = HEADING.matcher(line);
      if (!h.matches()) continue;
      String slug = h.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }
}
