package ma.tadamon.catalog.members;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ma.tadamon.platform.domain.FieldError;

/**
 * A person an operator gives access to a cooperative: the username she signs in with, her name, a
 * phone (where the temporary password is read to her) or an e-mail, and whether she is its manager.
 */
public record NewMember(String username, String name, String phone, String email, boolean manager) {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

  public List<FieldError> problems() {
    List<FieldError> problems = new ArrayList<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      problems.add(
          new FieldError(
              "username", "3 to 60 lower-case letters, digits, dots, dashes or underscores"));
    }
    if (name == null || name.isBlank() || name.length() > 120) {
      problems.add(new FieldError("name", "the member's name, at most 120 characters"));
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      problems.add(new FieldError("phone", "an international number such as +212612345678"));
    }
    if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
      problems.add(new FieldError("email", "an e-mail address"));
    }
    return problems;
  }
}
