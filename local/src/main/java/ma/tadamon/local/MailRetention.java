package ma.tadamon.local;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.List;
import java.util.Properties;
import ma.tadamon.infra.MailEndpoint;

/**
 * Keeps the local mail catcher's memory bounded: each address keeps its newest {@code keep}
 * e-mails, and the older ones are deleted over IMAP, as a developer's mail catcher keeps the latest
 * few hundred. GreenMail holds every message in its heap: under a benchmark's load it filled it
 * within minutes and then spent its time collecting garbage while the e-mails waited.
 */
final class MailRetention {

  private final MailEndpoint server;
  private final int keep;
  private final Session session;

  /** For the local catcher only: {@code server}'s IMAP port is where its mail is deleted. */
  MailRetention(MailEndpoint server, int keep) {
    this.server = server;
    this.keep = keep;
    Properties timeouts = new Properties();
    timeouts.setProperty("mail.imap.connectiontimeout", "10000");
    timeouts.setProperty("mail.imap.timeout", "30000");
    this.session = Session.getInstance(timeouts);
  }

  /**
   * Deletes what is past the newest {@code keep} in each of these mailboxes (the catcher accepts
   * any password when its authentication is off); answers how many went. Blocking: run it on a
   * worker.
   */
  int trim(List<String> addresses) throws MessagingException {
    int deleted = 0;
    for (String address : addresses) {
      Store store = session.getStore("imap");
      store.connect(server.smtpHost(), server.imapPort(), address, address);
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        int count = inbox.getMessageCount();
        if (count > keep) {
          // Sequence numbers follow arrival: the first ones are the oldest.
          Message[] oldest = inbox.getMessages(1, count - keep);
          inbox.setFlags(oldest, new Flags(Flags.Flag.DELETED), true);
          deleted += oldest.length;
        }
        inbox.close(true);
      } finally {
        store.close();
      }
    }
    return deleted;
  }
}
