# expect: clean
import sklearn.preprocessing as pp
from sklearn.model_selection import train_test_split

exec("X = load()")
name = "StandardScaler"
scaler = getattr(pp, name)()
setattr(scaler, "copy", False)
X_train, X_test = train_test_split(X)
scaler.fit(X_train)
globals()["model"] = scaler
