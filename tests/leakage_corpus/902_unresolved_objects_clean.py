# expect: clean
import pandas as pd
from sklearn.model_selection import train_test_split
from myproject.features import build_scaler, make_model

df = pd.read_csv("data.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df["y"])
scaler = build_scaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)
model = make_model()
model.fit(X_train, y_train)
print(model.score(X_test, y_test))
