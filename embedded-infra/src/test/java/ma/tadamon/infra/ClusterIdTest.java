package ma.tadamon.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterIdTest {

  @Test
  void a_cluster_id_is_never_read_as_an_option_by_the_storage_tool() {
    // One id in 64 would start with '-' if drawn naively; 5,000 draws would all but surely include
    // some.
    assertThat(IntStream.range(0, 5_000).mapToObj(i -> EmbeddedKafka.newClusterId()))
        .allSatisfy(
            id -> {
              assertThat(id).doesNotStartWith("-");
              assertThat(id).hasSize(22);
            });
  }
}
